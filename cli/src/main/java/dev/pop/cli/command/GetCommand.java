package dev.pop.cli.command;

import dev.pop.cli.CommandFailure;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.Consistency;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.kv.GetOptions;
import dev.pop.client.kv.GetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code get KEY [--prefix] [--rev R] [--limit N]}. A single key that does not exist is
 * NOT_FOUND (exit 3); a prefix with no keys prints nothing and succeeds, as in etcdctl.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Reads a key, or every key under a prefix. Linearizable unless --serializable.")
public final class GetCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "KEY", description = "The key (or prefix; may be \"\").")
  String key;

  @Option(names = "--prefix", description = "Read every key that starts with KEY.")
  boolean prefix;

  @Option(
      names = "--rev",
      paramLabel = "R",
      defaultValue = "0",
      description = "Read as of revision R (0: the latest).")
  long revision;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Return at most N keys (0: no limit).")
  long limit;

  @Override
  void validate() {
    if (key.isEmpty() && !prefix) {
      throw usage("KEY must not be empty (use --prefix \"\" for every key)");
    }
    requireNonNegative("--rev", revision);
    requireNonNegative("--limit", limit);
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    var builder = GetOptions.builder().prefix(prefix);
    if (revision != 0) {
      builder.revision(revision);
    }
    if (limit != 0) {
      builder.limit(limit);
    }
    if (options.serializable()) {
      builder.consistency(Consistency.SERIALIZABLE);
    }
    GetResult result = client.kv().get(PutCommand.utf8(key), builder.build());
    if (!prefix && result.kvs().isEmpty()) {
      throw new CommandFailure(ErrorCode.NOT_FOUND, "get: key \"" + key + "\" not found");
    }
    printer.get(result);
    return 0;
  }
}
