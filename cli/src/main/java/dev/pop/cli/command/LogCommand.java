package dev.pop.cli.command;

import dev.pop.cli.CommandFailure;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.StreamPrinter;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.log.AppendOptions;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.LogRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** {@code log append STREAM DATA [--expect-seq N] | read STREAM [--from N] [--limit N] [--follow] | trim STREAM N}. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Appends to, reads and trims transaction log streams (named sequences with seqs dense from 1).",
    subcommands = {LogCommand.Append.class, LogCommand.Read.class, LogCommand.Trim.class})
public final class LogCommand implements java.util.concurrent.Callable<Integer> {

  @Override
  public Integer call() {
    throw new CommandFailure(ErrorCode.INVALID_ARGUMENT,
        "log: missing subcommand: append, read or trim (see 'popctl log --help')");
  }

  /** {@code log append STREAM DATA [--expect-seq N]}: prints the entry's seq. */
  @Command(
      name = "append",
      mixinStandardHelpOptions = true,
      description = "Appends DATA to STREAM (created by its first append) and prints the entry's seq. With"
          + " --expect-seq N the append is refused (exit 5, nothing appended) unless the entry would get seq N.")
  public static final class Append extends ClientCommand {
    @Parameters(index = "0", paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Parameters(index = "1", paramLabel = "DATA", description = "The entry (UTF-8 text).")
    String data;

    @Option(names = "--expect-seq", paramLabel = "N", description = "The seq the entry must get.")
    Long expectSeq;

    @Override
    void validate() {
      if (stream.isEmpty()) {
        throw usage("STREAM must not be empty");
      }
      if (expectSeq != null && expectSeq <= 0) {
        throw usage("--expect-seq must be > 0, got " + expectSeq);
      }
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      AppendOptions o = expectSeq == null ? AppendOptions.NONE : AppendOptions.expectSeq(expectSeq);
      long seq = client.logs().append(stream, PutCommand.utf8(data), o);
      new StreamPrinter(options.output(), root().out()).appended(stream, seq);
      return 0;
    }
  }

  /** {@code log read STREAM [--from N] [--limit N] [--follow]}: one line per entry. */
  @Command(
      name = "read",
      mixinStandardHelpOptions = true,
      description = "Prints the entries of STREAM from seq --from (default: the first kept), one line each. With"
          + " --follow, keeps printing new entries as they are appended, until interrupted.")
  public static final class Read extends ClientCommand {
    @Parameters(index = "0", paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Option(names = "--from", paramLabel = "N", description = "First seq to print (default: the first kept).")
    long from;

    @Option(names = "--limit", paramLabel = "N", description = "Most entries to print (default: 1000; 0 with"
        + " --follow: no limit).")
    Integer limit;

    @Option(names = "--follow", description = "Keep printing new entries until interrupted.")
    boolean follow;

    @Override
    void validate() {
      if (stream.isEmpty()) {
        throw usage("STREAM must not be empty");
      }
      requireNonNegative("--from", from);
      if (limit != null) {
        requireNonNegative("--limit", limit);
      }
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      StreamPrinter out = new StreamPrinter(options.output(), root().out());
      int max = limit == null ? (follow ? 0 : 1000) : limit;
      long next = from;
      long printed = 0;
      LogReadResult r = client.logs().read(stream, next, pageSize(max, printed));
      try (StopSignal stop = follow ? StopSignal.open() : null) {
        while (true) {
          for (LogRecord e : r.entries()) {
            out.entry(e);
            printed++;
          }
          next = r.nextSeq(next);
          boolean full = max > 0 && printed >= max;
          if (full || (!follow && (r.entries().isEmpty() || next > r.lastSeq()))) {
            return 0;
          }
          if (follow && stop.isStopped()) {
            return 0;
          }
          r = follow ? client.logs().awaitRead(stream, next, pageSize(max, printed), Duration.ofSeconds(1))
              : client.logs().read(stream, next, pageSize(max, printed));
        }
      }
    }

    private static int pageSize(int max, long printed) {
      return max == 0 ? 1000 : (int) Math.min(1000, max - printed);
    }
  }

  /** {@code log trim STREAM N}: drops the entries up to seq N. */
  @Command(
      name = "trim",
      mixinStandardHelpOptions = true,
      description = "Drops the entries of STREAM up to and including seq N; later seqs stay as they are.")
  public static final class Trim extends ClientCommand {
    @Parameters(index = "0", paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Parameters(index = "1", paramLabel = "N", description = "The last seq to drop.")
    long upto;

    @Override
    void validate() {
      if (stream.isEmpty()) {
        throw usage("STREAM must not be empty");
      }
      if (upto <= 0) {
        throw usage("N must be > 0, got " + upto);
      }
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      new StreamPrinter(options.output(), root().out()).trimmed(stream, client.logs().trim(stream, upto));
      return 0;
    }
  }
}
