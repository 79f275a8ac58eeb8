package dev.pop.client.internal;

import java.util.List;
import java.util.Objects;

/**
 * The members of the POP group, in the order the cluster reports them, and which one was last seen leading.
 *
 * @param leaderId last known leader, or null
 */
public record Membership(List<Member> members, String leaderId) {
  public Membership {
    members = List.copyOf(members);
    if (leaderId != null && find(members, leaderId) == null) {
      leaderId = null;
    }
  }

  public int size() {
    return members.size();
  }

  public Member member(String id) {
    return find(members, id);
  }

  /** The member after {@code id} in membership order (wrapping), or the first if {@code id} is unknown. */
  public Member after(String id) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).id().equals(id)) {
        return members.get((i + 1) % members.size());
      }
    }
    return members.isEmpty() ? null : members.get(0);
  }

  public String label(String id) {
    Member m = member(id);
    return m == null ? id : m.label();
  }

  public Membership withLeader(String id) {
    return Objects.equals(id, leaderId) ? this : new Membership(members, id);
  }

  /** True if both list the same members (ids and addresses), whatever the leader. */
  public boolean sameMembers(Membership other) {
    return other != null && members.equals(other.members);
  }

  private static Member find(List<Member> members, String id) {
    for (Member m : members) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    return null;
  }
}
