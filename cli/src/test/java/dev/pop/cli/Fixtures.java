package dev.pop.cli;

import dev.pop.client.ClusterStatus;
import dev.pop.client.MemberStatus;
import dev.pop.client.Role;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.Header;
import dev.pop.client.kv.KeyValue;
import dev.pop.client.kv.PutResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** SDK result values for tests. */
public final class Fixtures {

  /** Not valid UTF-8 (a lone continuation byte and an invalid lead byte). */
  public static final byte[] BINARY = {(byte) 0x80, (byte) 0xff, 0x00, 0x41};

  private Fixtures() {}

  public static Header header(long revision) {
    return new Header(revision, "n1", 2, 40);
  }

  public static KeyValue kv(String key, String value, long create, long mod, long version, long lease) {
    return kv(key, value.getBytes(StandardCharsets.UTF_8), create, mod, version, lease);
  }

  public static KeyValue kv(String key, byte[] value, long create, long mod, long version, long lease) {
    return new KeyValue(key.getBytes(StandardCharsets.UTF_8), value, create, mod, version, lease);
  }

  public static PutResult putResult(long revision) {
    return new PutResult(revision, null, header(revision));
  }

  /** {@code k = v}, created at 3, modified at 7, version 2, read at {@code revision}. */
  public static GetResult getResult(long revision) {
    return getResult(revision, kv("k", "v", 3, 7, 2, 0));
  }

  public static GetResult getResult(long revision, KeyValue... kvs) {
    return new GetResult(List.of(kvs), false, kvs.length, header(revision));
  }

  public static GetResult emptyGetResult(long revision) {
    return new GetResult(List.of(), false, 0, header(revision));
  }

  public static DeleteResult deleteResult(long deleted, long revision) {
    return new DeleteResult(deleted, List.of(), revision, header(revision));
  }

  /** n1 leader, n2 follower, n3 unreachable. */
  public static ClusterStatus threeMemberStatus() {
    return new ClusterStatus(
        "n1",
        List.of(
            new MemberStatus("n1", "127.0.0.1:7701", Role.LEADER, 2, 40, 40, 17),
            new MemberStatus("n2", "127.0.0.1:7702", Role.FOLLOWER, 2, 40, 39, 16),
            new MemberStatus("n3", "127.0.0.1:7703", Role.UNREACHABLE, 0, 0, 0, 0)));
  }
}
