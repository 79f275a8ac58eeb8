package dev.pop.cli.command;

import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.Printer;
import dev.pop.client.PopClient;
import dev.pop.client.kv.PutOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code put KEY [VALUE] [--lease ID]}: without VALUE the value is read from stdin, as bytes. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = "Writes a key. Without VALUE, the value is read from stdin (binary-safe).")
public final class PutCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  String key;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value.")
  String value;

  @Option(
      names = "--lease",
      paramLabel = "ID",
      defaultValue = "0",
      description = "Attach the key to this lease; it is deleted when the lease ends.")
  long lease;

  @Override
  void validate() {
    if (key.isEmpty()) {
      throw usage("KEY must not be empty");
    }
    requireNonNegative("--lease", lease);
  }

  @Override
  int run(PopClient client, Printer printer, GlobalOptions options) {
    var builder = PutOptions.builder();
    if (lease != 0) {
      builder.lease(lease);
    }
    printer.put(client.kv().put(utf8(key), valueBytes(), builder.build()));
    return 0;
  }

  private byte[] valueBytes() {
    if (value != null) {
      return utf8(value);
    }
    try {
      return root().in().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("put: cannot read the value from stdin", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
