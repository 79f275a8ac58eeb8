package dev.pop.server.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.ConflictException;
import dev.pop.client.InvalidArgumentException;
import dev.pop.client.PopClient;
import dev.pop.client.counter.Bounds;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counters under 16 concurrent clients (16 SDK clients, one thread each) on the shared cluster. */
@ExtendWith(SharedCluster.class)
class CounterClusterTest {
  private static final int CLIENTS = 16;
  private static final List<PopClient> clients = new ArrayList<>();
  private static ExecutorService threads;

  @BeforeAll
  static void open() {
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(SharedCluster.newClient());
    }
    threads = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterAll
  static void close() {
    clients.forEach(PopClient::close);
    threads.shutdownNow();
  }

  private static <T> List<T> onEveryClient(java.util.function.Function<PopClient, T> body) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (PopClient c : clients) {
      Callable<T> task = () -> body.apply(c);
      futures.add(threads.submit(task));
    }
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  @Test
  void aBoundedCounterHandsOutEveryValueOnceAndNeverGoesBelowZero() throws Exception {
    int stock = 400;
    PopClient pop = SharedCluster.client();
    assertEquals(stock, pop.counters().increment("counter/downloads-left", stock));
    List<List<Long>> seen = onEveryClient(c -> {
      List<Long> values = new ArrayList<>();
      while (true) {
        try {
          values.add(c.counters().increment("counter/downloads-left", -1, Bounds.atLeast(0)));
        } catch (ConflictException out) {
          return values;
        }
      }
    });
    BitSet handedOut = new BitSet();
    int total = 0;
    for (List<Long> values : seen) {
      for (long v : values) {
        assertTrue(v >= 0 && v < stock, "value " + v);
        assertTrue(!handedOut.get((int) v), "value " + v + " handed out twice");
        handedOut.set((int) v);
        total++;
      }
    }
    assertEquals(stock, total, "every decrement applied exactly once, none lost");
    assertEquals("0", pop.kv().get("counter/downloads-left").first().orElseThrow().valueUtf8());
    ConflictException e = assertThrows(ConflictException.class,
        () -> pop.counters().increment("counter/downloads-left", -1, Bounds.atLeast(0)));
    assertTrue(e.getMessage().contains("below min 0; nothing changed"), e.getMessage());
  }

  @Test
  void concurrentIncrementsAreNotLost() throws Exception {
    int each = 50;
    List<Long> last = onEveryClient(c -> {
      long v = 0;
      for (int i = 0; i < each; i++) {
        v = c.counters().increment("counter/hits", 1);
      }
      return v;
    });
    assertEquals(Integer.toString(CLIENTS * each),
        SharedCluster.client().kv().get("counter/hits").first().orElseThrow().valueUtf8());
    assertEquals(CLIENTS * each, last.stream().mapToLong(Long::longValue).max().orElseThrow());
  }

  @Test
  void aKeyThatIsNotAnIntegerIsRefusedAndKept() {
    PopClient pop = SharedCluster.client();
    pop.kv().put("counter/text", "hello");
    assertThrows(InvalidArgumentException.class, () -> pop.counters().increment("counter/text", 1));
    assertEquals("hello", pop.kv().get("counter/text").first().orElseThrow().valueUtf8());
    assertThrows(InvalidArgumentException.class,
        () -> pop.counters().increment("counter/x", 1, Bounds.between(5, 1)), "min above max");
  }
}
