package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.CompactedException;
import dev.pop.client.ConflictException;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.NotFoundException;
import dev.pop.client.PopClient;
import dev.pop.client.lease.Lease;
import dev.pop.client.lock.LockGrant;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Log streams on a real cluster: expectedSeq under contention, fenced appends, tailing, trims, bad input. */
@ExtendWith(SharedCluster.class)
class LogClusterTest {
  private final PopClient pop = SharedCluster.client();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eightAppendersWithExpectedSeqLoseAndDuplicateNothing() throws Exception {
    String stream = "lc/contended";
    int appenders = 8;
    int each = 15;
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    List<Future<Integer>> conflicts = new ArrayList<>();
    try {
      for (int a = 0; a < appenders; a++) {
        final int id = a;
        conflicts.add(pool.submit(() -> {
          int lost = 0;
          for (int i = 0; i < each; i++) {
            while (true) {
              long next = lastSeq(stream) + 1;
              try {
                pop.logs().append(stream, utf8(id + "-" + i), AppendOptions.expectSeq(next));
                break;
              } catch (ConflictException e) {
                lost++; // another appender took that seq: read again and retry
              }
            }
          }
          return lost;
        }));
      }
      int totalConflicts = 0;
      for (Future<Integer> f : conflicts) {
        totalConflicts += f.get(120, TimeUnit.SECONDS);
      }
      LogReadResult all = pop.logs().read(stream, 1, 10_000);
      assertEquals(appenders * each, all.entries().size());
      Set<String> unique = new HashSet<>();
      for (int i = 0; i < all.entries().size(); i++) {
        LogRecord r = all.entries().get(i);
        assertEquals(i + 1, r.seq(), "seqs are dense from 1");
        assertTrue(unique.add(r.dataUtf8()), "duplicate entry " + r.dataUtf8());
      }
      assertTrue(totalConflicts > 0, "8 appenders on one stream should have met at least one conflict");
    } finally {
      pool.shutdownNow();
    }
  }

  private long lastSeq(String stream) {
    try {
      return pop.logs().read(stream, 0, 1).lastSeq();
    } catch (NotFoundException e) {
      return 0;
    }
  }

  @Test
  void anAppendUnderALostLockIsRefused() {
    Lease lease = pop.leases().grant(Duration.ofSeconds(10));
    LockGrant grant = pop.locks().lock("lc/saga-lock", lease.id(), Duration.ZERO);
    AppendOptions fenced = AppendOptions.expectSeq(1).underLock(grant);
    assertEquals(1, pop.logs().append("lc/fenced", utf8("first"), fenced));
    pop.locks().unlock(grant.name(), grant.fence());
    ConflictException stale = assertThrows(ConflictException.class,
        () -> pop.logs().append("lc/fenced", utf8("late"), AppendOptions.expectSeq(2).underLock(grant)));
    assertTrue(stale.getMessage().contains("fence " + grant.fence()), stale.getMessage());
    assertEquals(1, pop.logs().read("lc/fenced", 0, 10).lastSeq());
    pop.leases().revoke(lease.id());
  }

  @Test
  void aTailingReadReturnsTheNextAppendWithoutPolling() throws Exception {
    pop.logs().append("lc/tail", utf8("a"));
    CompletableFuture<LogReadResult> tail = CompletableFuture.supplyAsync(
        () -> pop.logs().awaitRead("lc/tail", 2, 10, Duration.ofSeconds(20)));
    Thread.sleep(300);
    pop.logs().append("lc/tail", utf8("b"));
    LogReadResult r = tail.get(20, TimeUnit.SECONDS);
    assertEquals(1, r.entries().size());
    assertEquals("b", r.entries().get(0).dataUtf8());
  }

  @Test
  void trimsAndBadInput() {
    for (int i = 1; i <= 5; i++) {
      pop.logs().append("lc/trim", utf8("e" + i));
    }
    assertEquals(4, pop.logs().trim("lc/trim", 3));
    CompactedException trimmed = assertThrows(CompactedException.class, () -> pop.logs().read("lc/trim", 1, 10));
    assertTrue(trimmed.getMessage().contains("trimmed through seq 3"), trimmed.getMessage());
    assertEquals(List.of("e4", "e5"), pop.logs().read("lc/trim", 0, 10).entries().stream()
        .map(LogRecord::dataUtf8).toList());
    InvalidArgumentException beyond = assertThrows(InvalidArgumentException.class, () -> pop.logs().trim("lc/trim", 9));
    assertTrue(beyond.getMessage().contains("beyond the end"), beyond.getMessage());
    assertThrows(NotFoundException.class, () -> pop.logs().read("lc/never", 0, 10));
    assertThrows(NotFoundException.class, () -> pop.logs().trim("lc/never", 1));
    assertThrows(InvalidArgumentException.class, () -> pop.logs().read("lc/trim", -1, 10));
    assertThrows(InvalidArgumentException.class, () -> pop.logs().append("", utf8("x")));
    assertThrows(InvalidArgumentException.class, () -> AppendOptions.expectSeq(-1));
    assertEquals(5, pop.logs().read("lc/trim", 0, 10).lastSeq(), "bad input changed nothing");
    assertTrue(pop.logs().list("lc/").stream().anyMatch(s -> s.stream().equals("lc/trim") && s.firstSeq() == 4));
  }
}
