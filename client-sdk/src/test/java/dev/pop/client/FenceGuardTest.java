package dev.pop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.client.lock.FenceStore;
import dev.pop.client.lock.FileFenceStore;
import dev.pop.client.lock.MemoryFenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FenceGuardTest {
  @TempDir Path dir;

  @Test
  void admitsEqualOrHigherAndRefusesLowerFencesPerResource() {
    FenceGuard g = FenceGuard.inMemory();
    assertTrue(g.admit("blob/1", 5));
    assertTrue(g.admit("blob/1", 5), "the same holder writes again");
    assertTrue(g.admit("blob/1", 9));
    assertFalse(g.admit("blob/1", 8));
    assertEquals(9, g.highest("blob/1"));
    assertTrue(g.admit("blob/2", 1), "resources are independent");
    ConflictException e = assertThrows(ConflictException.class, () -> g.check("blob/1", 7));
    assertTrue(e.getMessage().contains("fence 7 for blob/1 is stale"), e.getMessage());
    g.check("blob/1", 10);
    assertEquals(10, g.highest("blob/1"));
  }

  @Test
  void rejectsNonsense() {
    FenceGuard g = FenceGuard.inMemory();
    assertThrows(InvalidArgumentException.class, () -> g.admit("r", 0));
    assertThrows(InvalidArgumentException.class, () -> g.admit(null, 3));
    assertThrows(InvalidArgumentException.class, () -> new FenceGuard(null));
  }

  @Test
  void theFileStoreRemembersAcrossARestart() throws IOException {
    FenceGuard before = new FenceGuard(new FileFenceStore(dir));
    assertTrue(before.admit("storage-node-3/blob/42", 17));
    assertTrue(before.admit("other", 2));
    FenceGuard after = new FenceGuard(new FileFenceStore(dir)); // a restarted process
    assertEquals(17, after.highest("storage-node-3/blob/42"));
    assertFalse(after.admit("storage-node-3/blob/42", 16), "an old holder is still refused after the restart");
    assertTrue(after.admit("storage-node-3/blob/42", 18));
    assertEquals(18, new FenceGuard(new FileFenceStore(dir)).highest("storage-node-3/blob/42"));
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(2, names.size(), "one file per resource, no temporary file left: " + names);
    }
  }

  @Test
  void longIdsGetHashedFileNames() {
    String id = "x".repeat(1000);
    FenceGuard g = new FenceGuard(new FileFenceStore(dir));
    assertTrue(g.admit(id, 4));
    assertEquals(4, new FenceGuard(new FileFenceStore(dir)).highest(id));
  }

  @Test
  void aCorruptFileIsAnErrorNotZero() throws IOException {
    FileFenceStore store = new FileFenceStore(dir);
    new FenceGuard(store).admit("r", 5);
    try (Stream<Path> files = Files.list(dir)) {
      Files.writeString(files.findFirst().orElseThrow(), "garbage");
    }
    FenceGuard fresh = new FenceGuard(new FileFenceStore(dir));
    assertThrows(UncheckedIOException.class, () -> fresh.admit("r", 1));
  }

  @Test
  void aFenceIsNotAdmittedWhenTheStoreCannotPersistIt() {
    FenceStore failing = new FenceStore() {
      @Override
      public long load(String resourceId) {
        return 3;
      }

      @Override
      public void store(String resourceId, long fence) {
        throw new UncheckedIOException(new IOException("disk full"));
      }
    };
    FenceGuard g = new FenceGuard(failing);
    assertThrows(UncheckedIOException.class, () -> g.admit("r", 4));
    assertEquals(3, g.highest("r"));
    assertTrue(g.admit("r", 3), "an equal fence needs no write");
  }

  @Test
  void concurrentAdmissionsNeverAdmitAFenceBelowOneAlreadyStored() throws Exception {
    MemoryFenceStore store = new MemoryFenceStore();
    FenceGuard g = new FenceGuard(store);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 2000; i++) {
          long f = ThreadLocalRandom.current().nextLong(1, 500);
          long storedBefore = store.load("r");
          if (g.admit("r", f) && f < storedBefore) {
            violations.add("admitted " + f + " after " + storedBefore + " was stored");
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(violations.isEmpty(), violations.toString());
    assertEquals(g.highest("r"), store.load("r"));
  }
}
