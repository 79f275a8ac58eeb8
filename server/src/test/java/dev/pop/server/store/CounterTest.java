package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.KeyValue;
import dev.pop.proto.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.pop.server.store.Ops.grant;
import static dev.pop.server.store.Ops.increment;
import static dev.pop.server.store.Ops.putLease;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CounterTest {
  @TempDir Path dir;
  StoreDriver s;

  @BeforeEach
  void open() throws IOException {
    s = new StoreDriver(dir);
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  @Test
  void aMissingKeyCountsAsZeroAndTheValueIsDecimalText() throws IOException {
    Response r = s.writeOne(increment("n", 5));
    assertEquals(5, r.getIncrement().getValue());
    assertEquals(1, r.getIncrement().getRevision());
    assertEquals(-2, s.writeOne(increment("n", -7)).getIncrement().getValue());
    assertEquals("-2", s.value("n"));
    KeyValue kv = s.get("n").getKvs(0);
    assertEquals(2, kv.getVersion());
    assertEquals(2, kv.getModRevision());
    s.write(put("m", "41"));
    assertEquals(42, s.writeOne(increment("m", 1)).getIncrement().getValue());
  }

  @Test
  void aResultBelowMinIsRefusedAndChangesNothing() throws IOException {
    s.writeOne(increment("downloads", 1, 0L, 10L));
    assertEquals(0, s.writeOne(increment("downloads", -1, 0L, null)).getIncrement().getValue());
    long revision = s.store.revision();
    Response r = s.writeOne(increment("downloads", -1, 0L, null));
    assertEquals(ErrorCode.CONFLICT, r.getError().getCode());
    assertEquals("increment: key \"downloads\" is 0; adding -1 gives -1, below min 0; nothing changed",
        r.getError().getMessage());
    assertEquals(revision, s.store.revision());
    assertEquals("0", s.value("downloads"));
    assertEquals(2, s.get("downloads").getKvs(0).getVersion());
  }

  @Test
  void aResultAboveMaxIsRefused() throws IOException {
    s.writeOne(increment("slots", 3, null, 3L));
    Response r = s.writeOne(increment("slots", 1, null, 3L));
    assertEquals(ErrorCode.CONFLICT, r.getError().getCode());
    assertEquals("increment: key \"slots\" is 3; adding 1 gives 4, above max 3; nothing changed", r.getError().getMessage());
    assertEquals("3", s.value("slots"));
    // a bound the current value already breaks does not matter: only the result is checked
    assertEquals(2, s.writeOne(increment("slots", -1, null, 2L)).getIncrement().getValue());
  }

  @Test
  void aValueThatIsNotAnIntegerIsRefused() throws IOException {
    s.write(put("name", "bob"));
    Response r = s.writeOne(increment("name", 1));
    assertEquals(ErrorCode.INVALID_ARGUMENT, r.getError().getCode());
    assertEquals("increment: key \"name\" holds \"bob\", not a signed 64-bit decimal integer", r.getError().getMessage());
    assertEquals("bob", s.value("name"));
    assertEquals(1, s.store.revision());
  }

  @Test
  void overflowIsRefused() throws IOException {
    s.write(put("big", Long.toString(Long.MAX_VALUE)));
    Response r = s.writeOne(increment("big", 1));
    assertEquals(ErrorCode.INVALID_ARGUMENT, r.getError().getCode());
    assertEquals("increment: key \"big\": 9223372036854775807 + 1 overflows a signed 64-bit integer",
        r.getError().getMessage());
    assertEquals(Long.MIN_VALUE, s.writeOne(increment("small", Long.MIN_VALUE)).getIncrement().getValue());
    assertEquals(ErrorCode.INVALID_ARGUMENT, s.writeOne(increment("small", -1)).getError().getCode());
  }

  @Test
  void theKeyKeepsItsLease() throws IOException {
    long lease = s.writeOne(grant(5000)).getLeaseGrant().getId();
    s.write(putLease("n", "1", lease));
    s.write(increment("n", 1));
    assertEquals(lease, s.get("n").getKvs(0).getLease());
  }

  @Test
  void onlyAsciiDecimalIntegersParse() {
    String[] good = {"0", "-0", "+7", "007", "-9223372036854775808", "9223372036854775807"};
    long[] values = {0, 0, 7, 7, Long.MIN_VALUE, Long.MAX_VALUE};
    for (int i = 0; i < good.length; i++) {
      assertEquals(values[i], CounterApplier.parse(ByteString.copyFromUtf8(good[i])), good[i]);
    }
    for (String bad : new String[] {"", "-", "+", " 1", "1 ", "1.0", "0x10", "9223372036854775808", "\u0661",
        "12345678901234567890"}) {
      assertNull(CounterApplier.parse(ByteString.copyFromUtf8(bad)), bad);
    }
  }
}
