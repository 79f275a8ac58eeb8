package dev.pop.client;

import java.util.List;

/**
 * What the members reported, each asked directly.
 *
 * @param leaderId the leader's id, or {@code null} if no member reported one
 * @param members every known member, in membership order; unreachable ones have role {@link Role#UNREACHABLE}
 */
public record ClusterStatus(String leaderId, List<MemberStatus> members) {
  public ClusterStatus {
    members = List.copyOf(members);
  }
}
