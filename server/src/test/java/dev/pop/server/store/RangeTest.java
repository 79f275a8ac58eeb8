package dev.pop.server.store;

import com.google.protobuf.ByteString;
import dev.pop.proto.ErrorCode;
import dev.pop.proto.PutRequest;
import dev.pop.proto.RangeRequest;
import dev.pop.proto.RangeResponse;
import dev.pop.proto.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.pop.server.store.StoreDriver.assertKeys;
import static dev.pop.server.store.StoreDriver.bs;
import static dev.pop.server.store.StoreDriver.key;
import static dev.pop.server.store.StoreDriver.prefix;
import static dev.pop.server.store.StoreDriver.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeTest {
  private static final ByteString FROM_KEY = ByteString.copyFrom(new byte[] {0});

  @TempDir Path dir;
  StoreDriver s;

  @BeforeEach
  void fill() throws IOException {
    s = new StoreDriver(dir);
    s.write(put("a", "va"), put("a/1", "v1"), put("a/2", "v2"), put("a/3", "v3"), put("b", "vb"), put("c", "vc"));
  }

  @AfterEach
  void close() throws IOException {
    s.close();
  }

  @Test
  void singleKey() {
    RangeResponse r = s.get("a/2");
    assertKeys(r, "a/2");
    assertEquals(1, r.getCount());
    assertEquals(0, s.get("a/").getCount());
    assertEquals(0, s.get("zz").getKvsCount());
  }

  @Test
  void prefixAndHalfOpenInterval() {
    assertKeys(s.range(prefix("a/").build()), "a/1", "a/2", "a/3");
    assertKeys(s.range(key("a").setRangeEnd(bs("b")).build()), "a", "a/1", "a/2", "a/3");
    assertKeys(s.range(key("a/2").setRangeEnd(bs("c")).build()), "a/2", "a/3", "b");
  }

  @Test
  void fromKeyAndEverything() {
    assertKeys(s.range(key("a/2").setRangeEnd(FROM_KEY).build()), "a/2", "a/3", "b", "c");
    assertKeys(s.range(RangeRequest.newBuilder().setKey(ByteString.EMPTY).setRangeEnd(FROM_KEY).build()),
        "a", "a/1", "a/2", "a/3", "b", "c");
  }

  @Test
  void limitCutsShortButCountsEverything() {
    RangeResponse r = s.range(prefix("a/").setLimit(2).build());
    assertKeys(r, "a/1", "a/2");
    assertTrue(r.getMore());
    assertEquals(3, r.getCount());

    RangeResponse exact = s.range(prefix("a/").setLimit(3).build());
    assertKeys(exact, "a/1", "a/2", "a/3");
    assertFalse(exact.getMore());
    assertEquals(3, exact.getCount());
  }

  @Test
  void keysOnlyOmitsValues() {
    RangeResponse r = s.range(prefix("a/").setKeysOnly(true).build());
    assertKeys(r, "a/1", "a/2", "a/3");
    assertTrue(r.getKvs(0).getValue().isEmpty());
    assertEquals(1, r.getKvs(0).getVersion());
    assertEquals(2, r.getKvs(0).getModRevision());
  }

  @Test
  void countOnlyReturnsNoKeys() {
    RangeResponse r = s.range(prefix("a").setCountOnly(true).build());
    assertEquals(0, r.getKvsCount());
    assertEquals(4, r.getCount());
    assertFalse(r.getMore());
  }

  @Test
  void historicalReadsHonourTheSameOptions() throws IOException {
    s.write(put("a/4", "v4"));
    RangeResponse r = s.range(prefix("a/").setRevision(6).setLimit(2).build());
    assertKeys(r, "a/1", "a/2");
    assertTrue(r.getMore());
    assertEquals(3, r.getCount());
    RangeResponse counted = s.range(prefix("a/").setRevision(6).setCountOnly(true).build());
    assertEquals(3, counted.getCount());
    assertEquals(0, counted.getKvsCount());
    assertTrue(s.range(prefix("a/").setRevision(6).setKeysOnly(true).build()).getKvs(0).getValue().isEmpty());
  }

  /** Keys that are prefixes of each other or hold 0x00 must keep byte order in the (escaped) history. */
  @Test
  void binaryKeysKeepTheirOrderInHistory() throws IOException {
    String[] keys = {"x", "x\0", "x\0\0", "x\0y", "x\1", "xy"};
    for (String k : keys) {
      s.write(put(k, "old-" + k));
    }
    long before = s.store.revision();
    for (String k : keys) {
      s.write(put(k, "new-" + k));
    }
    RangeResponse old = s.range(prefix("x").setRevision(before).build());
    assertKeys(old, keys);
    for (int i = 0; i < keys.length; i++) {
      assertEquals("old-" + keys[i], old.getKvs(i).getValue().toStringUtf8());
    }
    assertKeys(s.range(key("x\0").setRangeEnd(bs("x\1")).setRevision(before).build()), "x\0", "x\0\0", "x\0y");
    assertEquals("old-x\0", s.range(key("x\0").setRevision(before).build()).getKvs(0).getValue().toStringUtf8());
    assertKeys(s.range(key("x").setRangeEnd(bs("x\0\1")).setRevision(before).build()), "x", "x\0", "x\0\0");
  }

  @Test
  void emptyValueIsAValue() throws IOException {
    s.write(Request.newBuilder().setPut(PutRequest.newBuilder().setKey(bs("e"))).build());
    RangeResponse r = s.get("e");
    assertEquals(1, r.getCount());
    assertTrue(r.getKvs(0).getValue().isEmpty());
  }

  @Test
  void putsAndDeletesAreNotAllowedInAQuery() {
    var result = s.store.query(dev.pop.proto.Query.newBuilder().addRequests(put("a", "1")).build());
    assertEquals(ErrorCode.INVALID_ARGUMENT, result.getResponses(0).getError().getCode());
    assertEquals("va", s.value("a"));
  }
}
