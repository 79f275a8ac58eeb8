package dev.pop.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.NotFoundException;
import dev.pop.client.UnavailableException;
import org.junit.jupiter.api.Test;

class MemberCommandTest {
  private final FakeMembership cluster = new FakeMembership();

  @Test
  void listSimple() {
    FakeMembership.Run r = cluster.run("member", "list");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("n1 127.0.0.1:7701 127.0.0.1:7801 LEADER\n"
        + "n2 127.0.0.1:7702 127.0.0.1:7802 FOLLOWER\n"
        + "n3 127.0.0.1:7703 - FOLLOWER\n", r.out());
  }

  @Test
  void listJsonAndTable() {
    FakeMembership.Run json = cluster.run("member", "list", "-o", "json");
    assertEquals("{\"leader\":\"n1\",\"members\":[{\"id\":\"n1\",\"raftAddress\":\"127.0.0.1:7701\","
        + "\"httpAddress\":\"127.0.0.1:7801\",\"leader\":true},{\"id\":\"n2\",\"raftAddress\":\"127.0.0.1:7702\","
        + "\"httpAddress\":\"127.0.0.1:7802\",\"leader\":false},{\"id\":\"n3\",\"raftAddress\":\"127.0.0.1:7703\","
        + "\"httpAddress\":null,\"leader\":false}]}\n", json.out());
    FakeMembership.Run table = cluster.run("-o", "table", "member", "list");
    assertTrue(table.out().startsWith("ID   RAFT ADDRESS     HTTP ADDRESS     ROLE\n"), table.out());
  }

  @Test
  void addRemoveTransfer() {
    FakeMembership.Run add = cluster.run("member", "add", "n4", "127.0.0.1:7704", "--http", "127.0.0.1:7804");
    assertEquals(0, add.exitCode(), add.err());
    assertEquals("Member n4 added (Raft 127.0.0.1:7704, HTTP 127.0.0.1:7804)\n", add.out());
    assertEquals(4, cluster.members.size());
    FakeMembership.Run remove = cluster.run("member", "remove", "n2", "-o", "json");
    assertEquals("{\"removed\":\"n2\"}\n", remove.out());
    FakeMembership.Run transfer = cluster.run("leader", "transfer", "n3");
    assertEquals("Leadership transferred to n3\n", transfer.out());
    assertTrue(cluster.members.stream().filter(m -> m.id().equals("n3")).findFirst().orElseThrow().leader());
  }

  @Test
  void errorsUseTheSpecExitCodes() {
    cluster.failure = new NotFoundException("member remove: member n9 is not in the cluster; members: n1,n2,n3");
    FakeMembership.Run missing = cluster.run("member", "remove", "n9");
    assertEquals(3, missing.exitCode());
    assertEquals("Error: NOT_FOUND: member remove: member n9 is not in the cluster; members: n1,n2,n3\n", missing.err());
    cluster.failure = new UnavailableException("member remove: refusing to remove n2");
    assertEquals(4, cluster.run("member", "remove", "n2").exitCode());
    cluster.failure = null;
    assertEquals(2, cluster.run("member", "add", "n4").exitCode(), "missing HOST:PORT is a usage error");
  }
}
