package dev.pop.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.cli.CommandFailure;
import dev.pop.cli.GlobalOptions;
import dev.pop.cli.output.OutputFormat;
import dev.pop.cli.output.Printer;
import dev.pop.client.ErrorCode;
import dev.pop.client.PopClient;
import dev.pop.client.saga.SagaState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;

/** {@code saga list | show ID}: sagas as their streams ({@code saga/<id>}) tell them. */
@Command(
    name = "saga",
    mixinStandardHelpOptions = true,
    description = "Lists sagas and shows one saga's transitions (SDK sagas record them in the stream saga/<id>).",
    subcommands = {SagaCommand.ListSagas.class, SagaCommand.Show.class})
public final class SagaCommand implements java.util.concurrent.Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public Integer call() {
    throw new CommandFailure(ErrorCode.INVALID_ARGUMENT,
        "saga: missing subcommand: list or show (see 'popctl saga --help')");
  }

  static ObjectNode json(SagaState s) {
    return MAPPER.createObjectNode().put("id", s.sagaId()).put("definition", s.definition())
        .put("status", s.status().name()).put("stepsDone", s.done()).put("seq", s.lastSeq());
  }

  static String line(SagaState s) {
    return s.sagaId() + "\t" + s.status() + "\t" + s.definition() + "\t" + s.done() + "\t" + s.lastSeq();
  }

  /** {@code saga list}: one line per saga: id, status, definition, steps done, last seq. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "One line per saga: id, status, definition, steps done, last seq.")
  public static final class ListSagas extends ClientCommand {
    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      PrintStream out = root().out();
      List<SagaState> sagas = client.sagas().list();
      if (options.output() == OutputFormat.TABLE) {
        out.println("ID\tSTATUS\tDEFINITION\tDONE\tSEQ");
      }
      for (SagaState s : sagas) {
        out.println(options.output() == OutputFormat.JSON ? json(s).toString() : line(s));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code saga show ID}: the saga's status and every transition. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "The saga's status, then its transitions in order (one per line).")
  public static final class Show extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The saga id.")
    String id;

    @Override
    void validate() {
      if (id.isEmpty()) {
        throw usage("ID must not be empty");
      }
    }

    @Override
    int run(PopClient client, Printer printer, GlobalOptions options) {
      SagaState s = client.sagas().state(id);
      PrintStream out = root().out();
      if (options.output() == OutputFormat.JSON) {
        ObjectNode doc = json(s);
        var transitions = doc.putArray("transitions");
        s.transitions().forEach(transitions::add);
        out.println(doc);
      } else {
        out.println(line(s));
        for (int i = 0; i < s.transitions().size(); i++) {
          out.println((i + 1) + "\t" + s.transitions().get(i).replaceFirst("^v1 ", ""));
        }
      }
      out.flush();
      return 0;
    }
  }
}
