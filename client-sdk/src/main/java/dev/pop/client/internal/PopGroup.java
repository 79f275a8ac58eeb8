package dev.pop.client.internal;

import java.util.UUID;
import org.apache.ratis.protocol.RaftGroupId;

/** The one Raft group every POP cluster runs; its id is fixed so clients need only host:port endpoints. */
public final class PopGroup {
  /** Fixed group id, shared with the server. */
  public static final RaftGroupId ID = RaftGroupId.valueOf(UUID.fromString("02511d70-0000-4000-8000-00000000b0b0"));

  private PopGroup() {
  }
}
