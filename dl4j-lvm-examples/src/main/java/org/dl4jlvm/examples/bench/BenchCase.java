package org.dl4jlvm.examples.bench;

import java.util.Objects;
import java.util.Optional;

/** One thing to time: a name, the batch it trains on, the FLOPs of one iteration, the model size and the iteration itself. */
public final class BenchCase {
    private final String name;
    private final String implementation;
    private final int batch;
    private final double flopsPerIteration;
    private final long parameters;
    private final Runnable step;
    private Runnable guard;

    /** @param parameters the model's parameter count (0 for the roofline) */
    public BenchCase(String name, String implementation, int batch, double flopsPerIteration, long parameters, Runnable step) {
        this.name = Objects.requireNonNull(name, "name");
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        this.batch = batch;
        this.flopsPerIteration = flopsPerIteration;
        this.parameters = parameters;
        this.step = Objects.requireNonNull(step, "step");
    }

    /**
     * FLOPs of one training step of a dense network with {@code parameters} parameters on {@code batch} examples:
     * about 2 per weight and example in the forward pass and 4 in the backward pass.
     */
    public static double trainingFlops(long parameters, int batch) {
        return 6.0 * parameters * batch;
    }

    public String name() {
        return name;
    }

    public double flopsPerIteration() {
        return flopsPerIteration;
    }

    public long parameters() {
        return parameters;
    }

    /** This case with {@code guard}, the check that runs after the step's backward pass in training, to time beside it. */
    public BenchCase guard(Runnable guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        return this;
    }

    /** Times the guard (after the step has run), if this case has one. */
    public Optional<Timing> measureGuard(int warmup, int iterations) {
        return guard == null ? Optional.empty() : Optional.of(Timing.measure(warmup, iterations, guard));
    }

    /** Times the step with the BLAS thread count already set to {@code threads}. */
    public Measurement measure(int warmup, int iterations, int threads) {
        return new Measurement(name, implementation, batch, flopsPerIteration, Timing.measure(warmup, iterations, step), threads);
    }
}
