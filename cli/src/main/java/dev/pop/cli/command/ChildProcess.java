package dev.pop.cli.command;

import dev.pop.cli.CommandFailure;
import dev.pop.client.ErrorCode;
import dev.pop.client.lock.LockGrant;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command {@code popctl lock} runs while holding a lock: this terminal's stdio, the lock in its environment
 * ({@code POP_LOCK_NAME}, {@code POP_LOCK_FENCE}, {@code POP_LOCK_LEASE}). Killing it signals its descendants too
 * (a {@code sh -c} wrapper does not pass signals on), SIGTERM first and SIGKILL after a grace period.
 */
final class ChildProcess {
  static final long KILL_GRACE_MS = 5_000;
  /** After SIGINT/SIGTERM to popctl, how long the command gets to end by itself before it is killed. */
  static final long STOP_GRACE_MS = 2_000;

  private final Process process;

  private ChildProcess(Process process) {
    this.process = process;
  }

  static ChildProcess start(List<String> command, LockGrant grant) {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    Map<String, String> env = pb.environment();
    env.put("POP_LOCK_NAME", grant.name());
    env.put("POP_LOCK_FENCE", Long.toString(grant.fence()));
    env.put("POP_LOCK_LEASE", Long.toString(grant.leaseId()));
    try {
      return new ChildProcess(pb.start());
    } catch (IOException e) {
      throw new CommandFailure(ErrorCode.INVALID_ARGUMENT, "lock: cannot run " + command.get(0) + ": "
          + e.getMessage());
    }
  }

  /**
   * Waits for the command to end and returns its exit code. If popctl is told to stop meanwhile, the command gets
   * {@value #STOP_GRACE_MS} ms to end by itself (a terminal's Ctrl-C reaches it directly), then is killed.
   */
  int waitFor(StopSignal stop) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
            return process.exitValue();
          }
          if (stop.isStopped()) {
            if (!process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
              kill();
            }
            process.waitFor();
            return process.exitValue();
          }
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the child must not outlive the lock
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** SIGTERM to the command and its descendants, SIGKILL after {@value #KILL_GRACE_MS} ms. Does not wait. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    process.onExit().orTimeout(KILL_GRACE_MS, TimeUnit.MILLISECONDS).whenComplete((p, timeout) -> {
      if (timeout != null) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    });
  }
}
