package org.dl4jlvm.core;

import java.util.stream.IntStream;

/**
 * Work over the indices {@code [0, n)} split into contiguous ranges, one per part, the parts run at once on the
 * common fork-join pool (so on every core); one part runs in the calling thread. The Java loops of the CPU runtimes
 * ({@code IndexMap}, {@code ReluBackprop}, {@code HostAdam}) share it.
 */
public final class CoreRanges {
    private CoreRanges() {
    }

    /** What one part does with its range {@code [first, end)}; {@code part} tells its own work arrays apart. */
    public interface Range {
        void run(int part, long first, long end);
    }

    /** The machine's cores, the natural number of parts. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code range} on {@code parts} contiguous ranges covering {@code [0, n)}, as equal as they can be. */
    public static void run(long n, int parts, Range range) {
        if (parts <= 1) {
            range.run(0, 0, n);
        } else {
            IntStream.range(0, parts).parallel().forEach(part -> range.run(part, n * part / parts,
                    n * (part + 1) / parts));
        }
    }
}
