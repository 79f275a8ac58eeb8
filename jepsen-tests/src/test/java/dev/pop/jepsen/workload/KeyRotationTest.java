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

    @Test
    void aKeyWithTooManyUnknownOutcomesIsRetired() {
        KeyRotation keys = new KeyRotation("r", 1, 1000, 3);
        SplittableRandom random = new SplittableRandom(1);
        String first = keys.next(random);
        keys.noteUnknown(first);
        keys.noteUnknown(first);
        assertEquals(first, keys.next(random));
        keys.noteUnknown(first);
        assertTrue(!keys.next(random).equals(first), "retired after 3 unknown outcomes");
        keys.noteUnknown(first); // a late report about a retired key changes nothing
        assertEquals(2, keys.all().size());
    }
}
