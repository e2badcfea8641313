package org.dl4jlvm.vae;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A linear warm-up of another schedule: {@code value(t) = base(t) * min(1, (t + 1) / N)} for iteration t, so the value
 * rises from {@code base / N} at iteration 0 to {@code base} at iteration {@code N - 1} and follows {@code base} after
 * (KL annealing: Bowman et al., Generating Sentences from a Continuous Space, 2016, arXiv:1511.06349). Also a
 * learning-rate warm-up, as Glow trains (Kingma and Dhariwal, 2018, arXiv:1807.03039):
 * {@code new HostAdam(new LinearWarmup(new FixedSchedule(1e-3), 500))}.
 *
 * <p>The same values as ND4J's {@code RampSchedule}, which cannot be read back from JSON in 1.0.0-M2.1 (it has no
 * Jackson creator), so that a saved model holding one fails to load.
 */
public final class LinearWarmup implements ISchedule {
    private final ISchedule base;
    private final int iterations;

    /** Warms {@code base} up over {@code iterations} >= 1 iterations. */
    public LinearWarmup(@JsonProperty("base") ISchedule base, @JsonProperty("iterations") int iterations) {
        this.base = Objects.requireNonNull(base, "base");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations: must be at least 1, found " + iterations);
        }
        this.iterations = iterations;
    }

    public ISchedule getBase() {
        return base;
    }

    public int getIterations() {
        return iterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double value = base.valueAt(iteration, epoch);
        return iteration >= iterations - 1 ? value : value * (iteration + 1) / iterations;
    }

    @Override
    public ISchedule clone() {
        return new LinearWarmup(base.clone(), iterations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearWarmup && base.equals(((LinearWarmup) o).base) && iterations == ((LinearWarmup) o).iterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, iterations);
    }

    @Override
    public String toString() {
        return "LinearWarmup(" + base + ", " + iterations + " iterations)";
    }
}
