package dev.pop.client.cluster;

import java.util.Objects;

/**
 * A voting member as recorded in the cluster's Raft configuration.
 *
 * @param id member id (e.g. {@code n1})
 * @param raftAddress its Raft/client address, host:port
 * @param httpAddress its HTTP address, host:port, or {@code null} when it was not recorded (members started from
 *     {@code --peers} without {@code --peers-http})
 * @param leader true if the member that answered reported this member as leader
 */
public record ClusterMember(String id, String raftAddress, String httpAddress, boolean leader) {
  public ClusterMember {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(raftAddress, "raftAddress");
  }
}
