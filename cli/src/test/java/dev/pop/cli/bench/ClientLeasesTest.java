package dev.pop.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientLeasesTest {

  private final ManualPopClient pop = new ManualPopClient(new ManualKv());
  private final ClientLeases leases = new ClientLeases(List.of(pop), 4, Duration.ofSeconds(5));

  private List<String> calls() {
    synchronized (pop.coordination.calls) {
      return new ArrayList<>(pop.coordination.calls);
    }
  }

  private void grantAll() {
    ClosedLoop.Request grant = leases.grant();
    for (int i = 0; i < 4; i++) {
      grant.send(0).join();
    }
    pop.coordination.calls.clear();
  }

  @Test
  void eachClientCyclesItsOwnLockWithItsOwnLease() {
    grantAll();
    ClosedLoop.Request cycle = leases.lockCycles(2);
    for (int client = 0; client < 4; client++) {
      cycle.send(client).join();
    }
    assertEquals(List.of(
        "lock bench/lock-0 7587 forever", "unlock bench/lock-0 42",
        "lock bench/lock-1 7588 forever", "unlock bench/lock-1 42",
        "lock bench/lock-0 7589 forever", "unlock bench/lock-0 42",
        "lock bench/lock-1 7590 forever", "unlock bench/lock-1 42"), calls());
  }

  @Test
  void keepalivesRenewTheClientsLeaseAndRevokeEndsThemAll() {
    grantAll();
    leases.keepAlives().send(2).join();
    ClosedLoop.Request revoke = leases.revoke();
    for (int i = 0; i < 4; i++) {
      revoke.send(0).join();
    }
    assertEquals(List.of("keepalive 7589", "revoke 7587", "revoke 7588", "revoke 7589", "revoke 7590"), calls());
  }

  @Test
  void theTtlCoversTheRunAndIsAtMostADay() {
    assertEquals(Duration.ofSeconds(75), ClientLeases.ttlFor(Duration.ofSeconds(45)));
    assertEquals(Duration.ofDays(1), ClientLeases.ttlFor(Duration.ofDays(2)));
  }
}
