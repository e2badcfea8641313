package org.dl4jlvm.examples.bench;

import java.util.Arrays;
import java.util.List;
import org.dl4jlvm.core.Checks;

/** Milliseconds per iteration of one benchmark case, measured after warm-up: median, min and max. */
public final class Timing {
    private final double[] milliseconds;

    /** The times of the measured iterations, in milliseconds (at least one). */
    public Timing(double... milliseconds) {
        Checks.atLeastOne("number of measured iterations", milliseconds.length);
        this.milliseconds = milliseconds.clone();
        Arrays.sort(this.milliseconds);
    }

    /** Runs {@code step} {@code warmup} times unmeasured, then {@code iterations} times measured one by one. */
    public static Timing measure(int warmup, int iterations, Runnable step) {
        Checks.nonNegative("warmup", warmup);
        Checks.atLeastOne("iterations", iterations);
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            step.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Timing(times);
    }

    /** All iterations of several timings of the same case, e.g. from rounds run at different times. */
    public static Timing pooled(List<Timing> timings) {
        return new Timing(timings.stream().flatMapToDouble(t -> Arrays.stream(t.milliseconds)).toArray());
    }

    public double median() {
        int n = milliseconds.length;
        return n % 2 == 1 ? milliseconds[n / 2] : (milliseconds[n / 2 - 1] + milliseconds[n / 2]) / 2;
    }

    /** The mean, which counts the slow iterations a median leaves out, as a whole training run does. */
    public double mean() {
        return Arrays.stream(milliseconds).average().orElseThrow();
    }

    public double min() {
        return milliseconds[0];
    }

    public double max() {
        return milliseconds[milliseconds.length - 1];
    }

    public int iterations() {
        return milliseconds.length;
    }
}
