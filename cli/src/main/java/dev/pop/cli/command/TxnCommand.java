package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.client.txn.TxnJson;
import dev.pop.cli.output.Printer;
import dev.pop.cli.output.PrimitivePrinter;
import dev.pop.client.PopClient;
import dev.pop.client.txn.Cmp;
import dev.pop.client.txn.Op;
import dev.pop.client.txn.TxnResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/**
 * {@code txn}: reads the txn body of SPEC section 6 from stdin, commits it, prints the result; exit 5 when a compare
 * did not hold (the {@code failure} branch ran), after printing.
 */
@Command(
    name = "txn",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a transaction read from stdin as JSON: if every compare holds, the success ops run, otherwise the"
          + " failure ops; atomically. Exit 5 if a compare did not hold.",
      "{\"compare\":[{\"key\":K,\"target\":\"value|version|createRevision|modRevision|lease|exists\","
          + "\"op\":\"=|!=|<|>\",\"value\":V},{\"lockHeld\":{\"name\":N,\"fence\":F}}],"
          + "\"success\":[{\"put\":{\"key\":K,\"value\":V,\"lease\":L}},{\"delete\":{\"key\":K,\"prefix\":false}},"
          + "{\"get\":{\"key\":K}},{\"increment\":{\"key\":K,\"delta\":D,\"min\":A,\"max\":B}}],\"failure\":[...]}"
    },
    footer = {
      "%nExample:%n  echo '{\"compare\":[{\"key\":\"cfg\",\"target\":\"version\",\"op\":\"=\",\"value\":0}],"
          + "\"success\":[{\"put\":{\"key\":\"cfg\",\"value\":\"v1\"}}]}' | popctl txn"
    })
public final class TxnCommand extends ClientCommand {

  /** Exit code when the compares did not hold (CONFLICT, SPEC section 4). */
  static final int COMPARE_FAILED = 5;

  private TxnJson.Parsed parsed;

  @Override
  void validate() {
    String body;
    try {
      body = new String(root().in().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("txn: cannot read the body from stdin", e);
    }
    parsed = TxnJson.parse(body, "stdin");
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    TxnResult result = client.txn()
        .when(parsed.compares().toArray(new Cmp[0]))
        .then(parsed.success().toArray(new Op[0]))
        .otherwise(parsed.failure().toArray(new Op[0]))
        .commit();
    PrimitivePrinter.of(options.output(), root().out()).txn(result);
    return result.succeeded() ? 0 : COMPARE_FAILED;
  }
}
