package dev.pop.jepsen.workload;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which member answers a workload's linearizable reads. Through a follower a linearizable read still goes through
 * ReadIndex, so every routing must give linearizable results; routing reads to each member is what exposes a
 * member that answers from stale local state (the {@code --unsafe-local-reads} self-check).
 */
public enum ReadRouting {
    /** The SDK's default: the leader. */
    LEADER,
    /** A member chosen at random per read ({@code GetOptions.member}). */
    MEMBERS,
    /** Half of the reads to the leader, half to a random member. */
    MIXED;

    public static ReadRouting parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** The member a read goes to, or null for the SDK's default. */
    public String pick(List<String> members, SplittableRandom random) {
        boolean toMember = this == MEMBERS || (this == MIXED && random.nextBoolean());
        return toMember && !members.isEmpty() ? members.get(random.nextInt(members.size())) : null;
    }

    /** The invoke's extra fields naming the target member, if any. */
    public static Map<String, Object> extraFor(String member) {
        return member == null ? Map.of() : Map.of("node", member);
    }
}
