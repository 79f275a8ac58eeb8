package dev.pop.server.store;

import dev.pop.proto.ErrorCode;
import dev.pop.proto.Response;
import dev.pop.server.apply.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import static dev.pop.server.store.StoreDriver.delete;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotaTest {
  /** Every put below costs 2 × (2-byte key + 8-byte value) = 20 bytes at most. */
  private static final Limits TINY = Limits.DEFAULT.withQuotaBytes(100);

  @TempDir Path dir;

  @Test
  void putsPastTheQuotaAreRefusedAndDeletesStillWork() throws IOException {
    try (StoreDriver s = new StoreDriver(dir, TINY)) {
      for (int i = 1; i <= 5; i++) {
        assertTrue(s.writeOne(put("k" + i, "12345678")).hasPut(), "put " + i + " fits");
      }
      assertEquals(100, s.store.logicalSize());
      assertEquals(100, s.status().getStoreBytes());

      Response refused = s.writeOne(put("k6", "12345678"));
      assertEquals(ErrorCode.NO_SPACE, refused.getError().getCode());
      assertTrue(refused.getError().getMessage().contains("quota"), refused.getError().getMessage());
      assertEquals(5, s.store.revision());
      assertEquals(null, s.value("k6"));

      assertEquals(1, s.writeOne(delete("k1")).getDeleteRange().getDeleted());
      // the delete freed only the current value: the history still holds it
      assertEquals(92, s.store.logicalSize());
      assertEquals(ErrorCode.NO_SPACE, s.writeOne(put("k6", "12345678")).getError().getCode());

      assertEquals(Optional.empty(), s.store.compact(s.store.revision()));
      assertEquals(80, s.store.logicalSize());
      assertTrue(s.writeOne(put("k6", "12345678")).hasPut());
    }
  }

  @Test
  void theSizeIsLogicalSoItSurvivesRestartUnchanged() throws IOException {
    long size;
    try (StoreDriver s = new StoreDriver(dir, TINY)) {
      s.write(put("k1", "12345678"), put("k1", "1234"));
      size = s.store.logicalSize();
      // history 10 + 6, current 6
      assertEquals(22, size);
    }
    try (StoreDriver s = new StoreDriver(dir, TINY)) {
      assertEquals(size, s.store.logicalSize());
    }
  }
}
