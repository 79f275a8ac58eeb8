package dev.pop.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * "Stop holding": SIGINT or SIGTERM for commands that hold something until interrupted ({@code lock}, {@code elect},
 * {@code lease keepalive}). Handling the signals (instead of letting the JVM exit through shutdown hooks) lets the
 * command release what it holds and exit with its own code. {@link #SOURCE} is replaced in tests.
 */
final class StopSignal implements AutoCloseable {
  /** Makes the signal a command waits for. */
  static volatile Supplier<StopSignal> SOURCE = StopSignal::fromProcessSignals;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Runnable> restore = new ArrayList<>();
  private volatile String reason;
  private volatile Thread interruptee;

  static StopSignal open() {
    return SOURCE.get();
  }

  /** Stops on SIGINT or SIGTERM (the previous handlers come back on {@link #close()}). */
  static StopSignal fromProcessSignals() {
    StopSignal s = new StopSignal();
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal signal = new Signal(name);
        SignalHandler previous = Signal.handle(signal, sig -> s.stop("SIG" + name));
        s.restore.add(() -> Signal.handle(signal, previous));
      } catch (IllegalArgumentException unsupported) {
        // this platform does not have it: the default handling stays
      }
    }
    return s;
  }

  /** A signal only {@link #stop} triggers (tests). */
  static StopSignal manual() {
    return new StopSignal();
  }

  void stop(String why) {
    reason = why;
    stopped.countDown();
    Thread t = interruptee;
    if (t != null) {
      t.interrupt();
    }
  }

  /** While set, {@link #stop} also interrupts {@code thread} (to end a blocking wait); null to clear. */
  void interruptOnStop(Thread thread) {
    interruptee = thread;
    if (thread != null && isStopped()) {
      thread.interrupt();
    }
  }

  boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Waits until stopped or {@code millis} passed; true if stopped. */
  boolean await(long millis) throws InterruptedException {
    return stopped.await(millis, TimeUnit.MILLISECONDS);
  }

  String reason() {
    return reason;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
