package dev.pop.client.saga;

import dev.pop.client.InvalidArgumentException;

import java.util.ArrayList;
import java.util.List;

/** A saga: a name and ordered steps, each an action and the compensation that undoes it. Immutable. */
public final class SagaDefinition {
  /** One step. */
  public record Step(String name, StepAction action, StepAction compensation) {}

  private final String name;
  private final List<Step> steps;

  private SagaDefinition(String name, List<Step> steps) {
    this.name = name;
    this.steps = List.copyOf(steps);
  }

  public static SagaDefinition named(String name) {
    if (name == null || name.isBlank() || name.contains(" ")) {
      throw new InvalidArgumentException("saga: definition name must be a non-empty word, got '" + name + "'");
    }
    return new SagaDefinition(name, List.of());
  }

  /** This definition with one more step at the end. */
  public SagaDefinition step(String stepName, StepAction action, StepAction compensation) {
    if (stepName == null || stepName.isBlank() || action == null || compensation == null) {
      throw new InvalidArgumentException("saga " + name + ": a step needs a name, an action and a compensation");
    }
    List<Step> more = new ArrayList<>(steps);
    more.add(new Step(stepName, action, compensation));
    return new SagaDefinition(name, more);
  }

  public String name() {
    return name;
  }

  public List<Step> steps() {
    return steps;
  }
}
