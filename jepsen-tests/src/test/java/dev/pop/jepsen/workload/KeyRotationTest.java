package dev.pop.jepsen.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyRotationTest {
    @Test
    void noKeyGetsMoreThanItsShareAndKeysAreReplacedByFreshOnes() {
        KeyRotation keys = new KeyRotation("r", 3, 10);
        Map<String, Integer> uses = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            uses.merge(keys.next(random), 1, Integer::sum);
        }
        assertTrue(uses.values().stream().allMatch(n -> n <= 10), uses.toString());
        assertEquals(1000, uses.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(keys.all().containsAll(uses.keySet()));
        assertTrue(keys.all().size() >= 100, "keys are replaced: " + keys.all().size());
    }
}
