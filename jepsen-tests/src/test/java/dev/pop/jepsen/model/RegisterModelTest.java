package dev.pop.jepsen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pop.jepsen.history.HistoryBuilder;
import dev.pop.jepsen.history.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterModelTest {
    private final RegisterModel model = new RegisterModel();
    private final HistoryBuilder h = new HistoryBuilder();

    private RegisterModel.State s(Object v) {
        return new RegisterModel.State(v);
    }

    @Test
    void readOfAMissingKeyReturnsNull() {
        assertEquals(List.of(s(null)), model.step(model.init(), h.read(1, "k", null, 0, 1)));
        assertTrue(model.step(model.init(), h.read(1, "k", "x", 0, 1)).isEmpty());
    }

    @Test
    void writeSetsAndReadMustMatch() {
        RegisterModel.State after = model.step(model.init(), h.write(1, "k", "a", 0, 1)).get(0);
        assertEquals(s("a"), after);
        assertEquals(List.of(after), model.step(after, h.read(1, "k", "a", 0, 1)));
        assertTrue(model.step(after, h.read(1, "k", "b", 0, 1)).isEmpty());
    }

    @Test
    void casReportsWhetherItMatched() {
        assertEquals(List.of(s("b")), model.step(s("a"), h.cas(1, "k", "a", "b", true, 0, 1)));
        assertTrue(model.step(s("z"), h.cas(1, "k", "a", "b", true, 0, 1)).isEmpty());
        assertEquals(List.of(s("z")), model.step(s("z"), h.cas(1, "k", "a", "b", false, 0, 1)));
        assertTrue(model.step(s("a"), h.cas(1, "k", "a", "b", false, 0, 1)).isEmpty());
    }

    @Test
    void unknownCasAppliesOnlyIfItMatches() {
        Op cas = h.info(1, "cas", "k", List.of("a", "b"), 0, 1);
        assertEquals(List.of(s("b")), model.step(s("a"), cas));
        assertEquals(List.of(s("z")), model.step(s("z"), cas));
    }

    @Test
    void unknownReadsAreDroppableAndNumbersCompareAsLongs() {
        assertTrue(model.isReadOnly(h.info(1, "read", "k", null, 0, 1)));
        RegisterModel.State after = model.step(model.init(), h.write(1, "k", 3, 0, 1)).get(0);
        assertEquals(List.of(after), model.step(after, h.read(1, "k", 3L, 0, 1)));
    }
}
