package dev.pop.jepsen.workload;

import dev.pop.client.PopClient;
import dev.pop.client.log.LogReadResult;
import dev.pop.client.log.LogRecord;
import dev.pop.jepsen.checker.AppendValidator;
import dev.pop.jepsen.checker.Checker;
import dev.pop.jepsen.history.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code append}: unique appends to log streams and linearizable reads of whole streams from seq 1; after the
 * cluster is healed, a final read of every stream. Checked by {@link AppendValidator}: all reads are prefixes of
 * one sequence, dense, with every acknowledged append at the seq it was given and nothing appended twice or
 * never appended.
 *
 * <p>Streams rotate after {@code opsPerKey} operations so that reads stay small. One operation in five is a read.
 */
public final class AppendWorkload implements Workload {
    public static final String NAME = "append";
    static final String STREAM_PREFIX = "jepsen/append/";
    private static final int READ_ONE_IN = 5;
    private static final int MAX_READ = 10_000;

    private final KeyRotation streams;
    private final AtomicLong nextData = new AtomicLong(1);

    public AppendWorkload(WorkloadOptions options) {
        this.streams = new KeyRotation("l", options.keys(), options.opsPerKey());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Operation next(int process, SplittableRandom random) {
        String stream = streams.next(random);
        if (random.nextInt(READ_ONE_IN) == 0) {
            return Operation.read(AppendValidator.READ, stream, Map.of());
        }
        return Operation.update(AppendValidator.APPEND, stream, nextData.getAndIncrement());
    }

    @Override
    public OpResult apply(PopClient client, Operation op) {
        String stream = STREAM_PREFIX + op.key();
        switch (op.f()) {
            case AppendValidator.APPEND: {
                long data = (Long) op.value();
                long seq = client.logs().append(stream, Long.toString(data).getBytes(StandardCharsets.UTF_8));
                return OpResult.of(seq, null);
            }
            case AppendValidator.READ: {
                LogReadResult r;
                try {
                    r = client.logs().read(stream, 1, MAX_READ);
                } catch (dev.pop.client.NotFoundException e) {
                    return OpResult.of(LogEntry.toResult(List.of()), null); // nothing appended yet
                }
                if (r.lastSeq() > MAX_READ) {
                    throw new IllegalStateException("append read of " + op.key() + " was cut short: " + r.lastSeq()
                            + " entries");
                }
                List<LogEntry> entries = new ArrayList<>(r.entries().size());
                for (LogRecord e : r.entries()) {
                    entries.add(new LogEntry(e.seq(), Long.valueOf(e.dataUtf8())));
                }
                return OpResult.of(LogEntry.toResult(entries), r.header());
            }
            default:
                throw new IllegalArgumentException("append cannot run " + op.f());
        }
    }

    @Override
    public List<Operation> finalOperations() {
        List<Operation> reads = new ArrayList<>();
        for (String stream : streams.all()) {
            reads.add(Operation.read(AppendValidator.READ, stream, Map.of("final", true)));
        }
        return reads;
    }

    @Override
    public List<Checker> checkers() {
        return List.of(new AppendValidator());
    }
}
