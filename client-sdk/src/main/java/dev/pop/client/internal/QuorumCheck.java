package dev.pop.client.internal;

import dev.pop.client.UnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeer;

/**
 * Refuses a removal that would leave the new configuration without a live majority: every remaining member is asked
 * for its group info (the probe timeout each); those that answer count as live.
 */
final class QuorumCheck {
  private QuorumCheck() {
  }

  static void requireLiveMajority(String op, String removed, List<RaftPeer> remaining, RatisClients clients,
      Duration probeTimeout) {
    List<String> live = new ArrayList<>();
    List<String> down = new ArrayList<>();
    try (RaftClient admin = clients.newAdminClient(remaining, probeTimeout)) {
      for (RaftPeer p : remaining) {
        try {
          GroupInfoProbe.ask(admin, p.getId());
          live.add(p.getId().toString());
        } catch (IOException | RuntimeException e) {
          down.add(p.getId().toString());
        }
      }
    } catch (IOException e) {
      // closing the probe client failed: the count stands
    }
    int majority = remaining.size() / 2 + 1;
    if (live.size() < majority) {
      throw new UnavailableException(op + ": refusing to remove " + removed + ": the remaining " + remaining.size()
          + " member(s) would have " + live.size() + " live (" + String.join(",", live) + "), but a majority of "
          + majority + " is needed; unreachable: " + String.join(",", down)
          + ". Bring them back or add a member first");
    }
  }
}
