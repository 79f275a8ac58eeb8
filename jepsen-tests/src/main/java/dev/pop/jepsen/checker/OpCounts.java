package dev.pop.jepsen.checker;

/** How the operations of one function ended; {@code info} includes operations that never completed. */
public record OpCounts(long ok, long fail, long info) {
    public OpCounts plus(OpCounts o) {
        return new OpCounts(ok + o.ok, fail + o.fail, info + o.info);
    }
}
