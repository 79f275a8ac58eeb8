package dev.pop.client.election;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The leader of an election: the holder of lock {@code election/<name>} and the value it published at key
 * {@code election/<name>/leader} under that lock.
 *
 * @param name the election name
 * @param value the value the leader published (e.g. its address); do not modify
 * @param fence the fence of the leader's lock hold: a later leader always has a larger one, so followers and
 *     resources can reject a deposed leader with it
 * @param leaseId the leader's lease; leadership ends with it
 */
public record Leader(String name, byte[] value, long fence, long leaseId) {
  public Leader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  public String valueUtf8() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Leader l && name.equals(l.name) && Arrays.equals(value, l.value) && fence == l.fence
        && leaseId == l.leaseId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(value), fence, leaseId);
  }

  @Override
  public String toString() {
    return "Leader[name=" + name + ", value=" + valueUtf8() + ", fence=" + fence + ", leaseId=" + leaseId + "]";
  }
}
