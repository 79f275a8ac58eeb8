package dev.pop.jepsen.checker;

import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Wing–Gong–Lowe search over the operations of one partition, with Lowe's memoization of
 * (linearized set, model state), as in Porcupine's {@code checkSingle}.
 *
 * <p>Calls and returns form one time-ordered doubly linked list (calls before returns at equal times). The search
 * walks it from the head: at a call it tries to linearize that operation now (model step, then lift the call and
 * its return out of the list and restart from the head); at a return it has hit an operation that must already
 * have been linearized, so it backtracks. The first dead end at a new depth always follows a full scan from the
 * head, which is what {@link LinearizationWitness} builds the explanation of an invalid history from.
 *
 * <p>Operations with unknown outcome return at +infinity: they may take effect at any point after their invoke,
 * or never, so the search succeeds as soon as every definite operation is linearized. They are what makes the
 * search exponential (each may or may not have happened by any point), so the memo is a subsumption memo: a
 * configuration (definite set D, unknown set U, state s) that was fully explored without success also rules out
 * (D, U' &#x2287; U, s), since a completion of the latter is one of the former that never applies the extra unknown
 * operations. To make that pruning bite, each scan tries definite calls before unknown ones, so configurations
 * with fewer unknown operations applied finish first. Sets are hashed incrementally (Zobrist), so a memo lookup
 * costs O(1) unless hashes collide.
 *
 * <p>An unknown-outcome operation is only ever applied where it changes the state: where it would not, leaving it
 * out is always at least as good. A definite operation that cannot change the state ({@link Model#isReadOnly}) and is possible in the current
 * state is linearized without branching: any completion that places it later can place it now instead, so if
 * that child configuration fails, its parent fails too.
 */
final class LinearizabilitySearch<S> {
    private final Model<S> model;
    private final String key;
    private final List<Op> ops;
    private final int n;
    private final long deadlineNanos;
    private final long maxStates;
    private final BooleanSupplier cancelled;
    private final String budgetText;

    private final int[] next;
    private final int[] prev;
    private final int head;
    private final boolean[] unknown;
    private final int[] slot; // index of an op among the definite or among the unknown-outcome ones
    private final boolean anyUnknown;
    private int definiteLeft;

    // linearized sets, definite and unknown kept apart for the subsumption memo
    private final long[] definiteBits;
    private final long[] unknownBits;
    private final long[] zobrist;
    private long definiteHash;
    /** Fully explored, failed configurations: (definite set, state) -> the unknown sets tried with it. */
    private final HashMap<MemoKey, List<long[]>> failed = new HashMap<>();
    private long failedCount;
    private long configurations;

    // stack of linearized operations: call node, state before it, its alternative next states, next one to try
    private final int[] frameCall;
    private final Object[] frameStateBefore;
    private final Object[] frameAlternatives;
    private final int[] frameNextAlternative;
    private final boolean[] frameForced;
    private int depth;

    private final LinearizationWitness<S> witness;

    LinearizabilitySearch(Model<S> model, String key, List<Op> ops, long deadlineNanos, long maxStates,
                          BooleanSupplier cancelled, String budgetText) {
        this.model = model;
        this.key = key;
        this.ops = ops;
        this.n = ops.size();
        this.deadlineNanos = deadlineNanos;
        this.maxStates = maxStates;
        this.cancelled = cancelled;
        this.budgetText = budgetText;
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.unknown = new boolean[n];
        this.slot = new int[n];
        int definite = 0;
        int unknowns = 0;
        for (int i = 0; i < n; i++) {
            unknown[i] = ops.get(i).isUnknown();
            slot[i] = unknown[i] ? unknowns++ : definite++;
        }
        this.anyUnknown = unknowns > 0;
        this.definiteLeft = definite;
        this.definiteBits = new long[(definite + 63) / 64];
        this.unknownBits = new long[(unknowns + 63) / 64];
        this.zobrist = new SplittableRandom(n * 31L + 7).longs(n).toArray();
        this.frameCall = new int[n];
        this.frameStateBefore = new Object[n];
        this.frameAlternatives = new Object[n];
        this.frameNextAlternative = new int[n];
        this.frameForced = new boolean[n];
        this.witness = new LinearizationWitness<>(model, ops, this::producerOf);
        link();
    }

    /** Node i < n is the call of op i, node n + i its return, node 2n the head. */
    private void link() {
        Integer[] nodes = new Integer[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            nodes[i] = i;
        }
        Arrays.sort(nodes, (a, b) -> {
            int c = Long.compare(time(a), time(b));
            if (c != 0) {
                return c;
            }
            c = Boolean.compare(a >= n, b >= n); // calls first: operations touching in time are concurrent
            return c != 0 ? c : Integer.compare(a, b);
        });
        int last = head;
        for (int node : nodes) {
            next[last] = node;
            prev[node] = last;
            last = node;
        }
        next[last] = -1;
        prev[head] = -1;
    }

    private long time(int node) {
        return node < n ? ops.get(node).invokeNanos() : ops.get(node - n).effectiveCompleteNanos();
    }

    @SuppressWarnings("unchecked")
    PartitionResult run() {
        long started = System.nanoTime();
        S state = model.init();
        int entry = next[head];
        boolean unknownPhase = false; // each scan tries definite calls first, then unknown-outcome ones
        long steps = 0;
        while (definiteLeft > 0) {
            if ((++steps & 1023) == 0 && (System.nanoTime() > deadlineNanos || cancelled.getAsBoolean())) {
                return unknown(started, "time budget of " + budgetText + " ran out");
            }
            if (entry < n) {
                if (unknown[entry] != unknownPhase) {
                    entry = next[entry];
                    continue;
                }
                List<S> nextStates = model.step(state, ops.get(entry));
                if (unknown[entry] && nextStates.contains(state)) {
                    nextStates = withoutState(nextStates, state);
                }
                if (nextStates.isEmpty()) {
                    if (!unknown[entry]) { // an unknown-outcome op that cannot apply here simply did not
                        witness.refused(entry, state);
                    }
                    entry = next[entry];
                    continue;
                }
                flip(entry);
                int choice = firstUnexplored(nextStates, 0);
                if (choice < 0) {
                    flip(entry);
                    entry = next[entry];
                    continue;
                }
                frameCall[depth] = entry;
                frameStateBefore[depth] = state;
                frameAlternatives[depth] = nextStates;
                frameNextAlternative[depth] = choice + 1;
                frameForced[depth] = !unknown[entry] && model.isReadOnly(ops.get(entry)) && nextStates.size() == 1
                        && nextStates.get(0).equals(state);
                depth++;
                configurations++;
                state = nextStates.get(choice);
                lift(entry);
                witness.scanRestarted();
                unknownPhase = false;
                entry = next[head];
            } else if (!unknownPhase && anyUnknown) {
                unknownPhase = true;
                entry = next[head];
            } else {
                witness.deadEnd(depth, frameCall, entry - n);
                witness.scanRestarted();
                while (true) { // backtrack: the configuration on top of the stack has no completion
                    if (depth == 0) {
                        return witness.invalid(key, configurations, System.nanoTime() - started);
                    }
                    if (!recordFailed(state)) {
                        return unknown(started, "memo limit of " + maxStates + " states reached");
                    }
                    depth--;
                    int call = frameCall[depth];
                    List<S> alternatives = (List<S>) frameAlternatives[depth];
                    int choice = firstUnexplored(alternatives, frameNextAlternative[depth]);
                    if (choice >= 0) { // same operation, another possible outcome; it stays lifted
                        frameNextAlternative[depth] = choice + 1;
                        depth++;
                        configurations++;
                        state = alternatives.get(choice);
                        unknownPhase = false;
                        entry = next[head];
                        break;
                    }
                    state = (S) frameStateBefore[depth];
                    frameAlternatives[depth] = null;
                    flip(call);
                    unlift(call);
                    if (!frameForced[depth]) {
                        unknownPhase = unknown[call];
                        entry = next[call];
                        break;
                    } // else the parent is no better than this child: it failed too
                }
            }
        }
        return new PartitionResult(key, Validity.VALID, n, configurations, System.nanoTime() - started, List.of(),
                null, List.of(), "linearizable");
    }

    /**
     * An unknown-outcome operation that would leave the state as it is (a cas that does not match) is never
     * worth applying: dropping it from any completion leaves a completion, and applying it would make the search
     * re-explore its parent's subtree once more per such operation.
     */
    private static <S> List<S> withoutState(List<S> states, S state) {
        List<S> changed = new ArrayList<>(states.size());
        for (S s : states) {
            if (!s.equals(state)) {
                changed.add(s);
            }
        }
        return changed;
    }

    /** Index of the first state from {@code from} not already ruled out by the memo, or -1. */
    private int firstUnexplored(List<S> states, int from) {
        for (int i = from; i < states.size(); i++) {
            if (!subsumed(states.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** True if (current sets, state) was explored, or one with the same definite set and fewer unknown ops. */
    private boolean subsumed(S state) {
        List<long[]> tried = failed.get(new MemoKey(definiteBits, definiteHash, state));
        if (tried == null) {
            return false;
        }
        for (long[] u : tried) {
            if (isSubset(u, unknownBits)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers that the current configuration has no completion; false when the memo is full. */
    private boolean recordFailed(S state) {
        MemoKey probe = new MemoKey(definiteBits, definiteHash, state);
        List<long[]> tried = failed.get(probe);
        if (tried == null) {
            tried = new ArrayList<>(1);
            failed.put(new MemoKey(definiteBits.clone(), definiteHash, state), tried);
        }
        int before = tried.size();
        tried.removeIf(u -> isSubset(unknownBits, u)); // now subsumed by the smaller set
        tried.add(unknownBits.clone());
        failedCount += tried.size() - before;
        return failedCount <= maxStates;
    }

    private static boolean isSubset(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & ~b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private void flip(int op) {
        int i = slot[op];
        if (unknown[op]) {
            unknownBits[i >>> 6] ^= 1L << (i & 63);
        } else {
            definiteBits[i >>> 6] ^= 1L << (i & 63);
            definiteHash ^= zobrist[op];
            definiteLeft += (definiteBits[i >>> 6] & (1L << (i & 63))) != 0 ? -1 : 1;
        }
    }

    private void lift(int call) {
        int ret = call + n;
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call]; // a call is always followed by at least its own return
        next[prev[ret]] = next[ret];
        if (next[ret] != -1) {
            prev[next[ret]] = prev[ret];
        }
    }

    private void unlift(int call) {
        int ret = call + n;
        next[prev[ret]] = ret;
        if (next[ret] != -1) {
            prev[next[ret]] = ret;
        }
        next[prev[call]] = call;
        prev[next[call]] = call;
    }

    /** The last linearized operation that changed the state, or null if it is still the initial one. */
    private Op producerOf(S current) {
        Object after = current;
        for (int i = depth - 1; i >= 0; i--) {
            if (!frameStateBefore[i].equals(after)) {
                return ops.get(frameCall[i]);
            }
            after = frameStateBefore[i];
        }
        return null;
    }

    private PartitionResult unknown(long started, String why) {
        return new PartitionResult(key, Validity.UNKNOWN, n, configurations, System.nanoTime() - started,
                List.of(), null, List.of(), why + " after " + configurations + " configurations over " + n
                + " operations");
    }

    /** A memo key: the set of linearized definite operations and the state reached. */
    private record MemoKey(long[] linearized, long linearizedHash, Object state) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MemoKey k && k.linearizedHash == linearizedHash && k.state.equals(state)
                    && Arrays.equals(k.linearized, linearized);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(linearizedHash) * 31 + state.hashCode();
        }
    }
}
