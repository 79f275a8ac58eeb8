package dev.pop.cli.output;

import dev.pop.client.ClusterStatus;
import dev.pop.client.kv.DeleteResult;
import dev.pop.client.kv.GetResult;
import dev.pop.client.kv.PutResult;

/** Writes command results to stdout in one {@link OutputFormat}. */
public interface Printer {

  void put(PutResult result);

  /** Every key-value of the result; an empty result prints nothing (or a bare table header). */
  void get(GetResult result);

  void delete(DeleteResult result);

  void status(ClusterStatus status);
}
