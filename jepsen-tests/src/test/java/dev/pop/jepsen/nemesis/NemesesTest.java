package dev.pop.jepsen.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NemesesTest {
    @Test
    void specsAreNormalized() {
        assertEquals("partition,kill,pause", Nemeses.validate(" Partition, kill,PAUSE "));
        assertEquals("all", Nemeses.validate("all"));
    }

    @Test
    void unknownNemesesAndTheMissingMemberNemesisAreRefusedWithTheReason() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Nemeses.validate("partition,flood"));
        assertTrue(unknown.getMessage().contains("unknown nemesis flood"), unknown.getMessage());
        IllegalArgumentException member = assertThrows(IllegalArgumentException.class,
                () -> Nemeses.validate("member"));
        assertTrue(member.getMessage().contains("membership API"), member.getMessage());
    }
}
