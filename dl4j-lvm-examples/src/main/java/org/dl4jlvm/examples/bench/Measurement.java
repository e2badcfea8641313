package org.dl4jlvm.examples.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark case run by one implementation: its {@link Timing}, batch size, threads and the floating-point
 * operations of one iteration, from which examples per second and FLOP/s follow.
 */
public final class Measurement {
    public static final String DL4J = "dl4j-lvm";
    public static final String BUILT_IN = "DL4J built-in";
    public static final String PYTORCH = "PyTorch";

    private final String benchCase;
    private final String implementation;
    private final int batch;
    private final double flopsPerIteration;
    private final Timing timing;
    private final int threads;

    /** @param threads the BLAS threads (ours) or intra-op threads (PyTorch) the case ran with */
    public Measurement(String benchCase, String implementation, int batch, double flopsPerIteration, Timing timing,
            int threads) {
        this.benchCase = Objects.requireNonNull(benchCase, "benchCase");
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        this.threads = threads;
        this.batch = batch;
        this.flopsPerIteration = flopsPerIteration;
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** The same case and implementation measured in several rounds, as one measurement over all their iterations. */
    public static Measurement pooled(List<Measurement> rounds) {
        Measurement first = rounds.get(0);
        List<Timing> timings = new java.util.ArrayList<>();
        for (Measurement m : rounds) {
            timings.add(m.timing);
        }
        return new Measurement(first.benchCase, first.implementation, first.batch, first.flopsPerIteration,
                Timing.pooled(timings), first.threads);
    }

    public String benchCase() {
        return benchCase;
    }

    public String implementation() {
        return implementation;
    }

    public int batch() {
        return batch;
    }

    public Timing timing() {
        return timing;
    }

    public int threads() {
        return threads;
    }

    /** Training examples per second at the median time. */
    public double examplesPerSecond() {
        return batch * 1000.0 / timing.median();
    }

    /** Achieved FLOP/s at the median time. */
    public double flopsPerSecond() {
        return flopsPerIteration * 1000.0 / timing.median();
    }

    /** The fields of the JSON report. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("case", benchCase);
        map.put("implementation", implementation);
        map.put("batch", batch);
        map.put("threads", threads);
        map.put("iterations", timing.iterations());
        map.put("ms_median", timing.median());
        map.put("ms_mean", timing.mean());
        map.put("ms_min", timing.min());
        map.put("ms_max", timing.max());
        map.put("examples_per_second", examplesPerSecond());
        map.put("flop_per_iteration", flopsPerIteration);
        map.put("gflop_per_second", flopsPerSecond() / 1e9);
        return map;
    }
}
