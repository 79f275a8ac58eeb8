package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.StreamPrinter;
import dev.pop.client.PopClient;
import dev.pop.client.PopException;
import dev.pop.client.watch.Watch;
import dev.pop.client.watch.WatchEvent;
import dev.pop.client.watch.WatchListener;
import dev.pop.client.watch.WatchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.CompletableFuture;

/** {@code watch KEY [--prefix] [--rev R] [--prev-kv]}: prints each change until interrupted. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Prints every change to KEY (or, with --prefix, to every key starting with KEY), one line each, in revision"
          + " order, until interrupted (Ctrl-C). Survives the loss of the member it reads from: it resumes on"
          + " another with no gap and no duplicate.",
      "Exit 0 when interrupted; 1 with COMPACTED if --rev is older than the compaction point."
    })
public final class WatchCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "KEY", description = "The key, or the prefix with --prefix.")
  String key;

  @Option(names = "--prefix", description = "Watch every key that starts with KEY.")
  boolean prefix;

  @Option(names = "--rev", paramLabel = "R", description = "Start at revision R (default: the next change).")
  Long revision;

  @Option(names = "--prev-kv", description = "Also print each change's previous value (json output).")
  boolean prevKv;

  @Override
  void validate() {
    if (key.isEmpty()) {
      throw usage("KEY must not be empty");
    }
    if (revision != null && revision <= 0) {
      throw usage("--rev must be > 0, got " + revision);
    }
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    StreamPrinter out = new StreamPrinter(options.output(), root().out());
    WatchOptions o = prefix ? WatchOptions.prefix() : WatchOptions.key();
    if (revision != null) {
      o = o.startRevision(revision);
    }
    if (prevKv) {
      o = o.withPrevKv();
    }
    CompletableFuture<PopException> cancelled = new CompletableFuture<>();
    try (StopSignal stop = StopSignal.open();
        Watch watch = client.watches().watch(key, o, new WatchListener() {
          @Override
          public void onEvent(WatchEvent event) {
            out.event(event);
          }

          @Override
          public void onCancelled(PopException cause) {
            cancelled.complete(cause);
            stop.stop("cancelled");
          }
        })) {
      while (!stop.isStopped()) {
        stop.await(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    PopException cause = cancelled.getNow(null);
    if (cause != null) {
      throw cause;
    }
    return 0;
  }
}
