package dev.pop.jepsen.nemesis;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Jepsen's nemesis role: injects one kind of fault and heals it. {@link NemesisSchedule} alternates fault and
 * heal periods and records both in the history.
 */
public interface Nemesis {
    /** The name used on the command line and in the history ({@code start-partition}, {@code stop-partition}). */
    String name();

    /**
     * Injects one fault.
     *
     * @return what was done, JSON-shaped, for the history (e.g. {@code {"mode":"isolate-leader","isolated":["n2"]}})
     */
    Map<String, Object> start(SplittableRandom random);

    /** Heals every fault this nemesis injected; idempotent, and harmless when nothing is injected. */
    Map<String, Object> stop();
}
