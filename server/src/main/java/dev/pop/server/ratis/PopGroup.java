package dev.pop.server.ratis;

import org.apache.ratis.protocol.RaftGroupId;

import java.util.UUID;

/** The one Raft group every POP cluster runs. Clients know it, so they need only host:port endpoints. */
public final class PopGroup {
  public static final RaftGroupId ID = RaftGroupId.valueOf(UUID.fromString("02511d70-0000-4000-8000-00000000b0b0"));

  private PopGroup() {
  }
}
