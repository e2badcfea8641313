package org.dl4jlvm.training;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A linear learning-rate warm-up in front of another schedule: {@code lr(t) = base(t) * min(1, (t + 1) / T)} for
 * iteration {@code t} (counted from 0) and {@code T} warm-up iterations, as Glow trains (Kingma and Dhariwal, Glow:
 * Generative Flow with Invertible 1x1 Convolutions, 2018, arXiv:1807.03039).
 *
 * <p>Why: Adam's first steps move every parameter by about the full learning rate whatever its gradient's scale, and
 * a deep flow with data-initialised ActNorm can jump to a much worse region in its first few hundred iterations and
 * stay behind for thousands. ND4J's {@code RampSchedule} computes the same ramp but cannot be written to or read
 * from a saved configuration; this one can.
 */
public final class Warmup implements ISchedule {

    private final ISchedule base;
    private final int iterations;

    /** {@code base} ramped up linearly over the first {@code iterations} iterations (at least 1). */
    @JsonCreator
    public Warmup(@JsonProperty("base") ISchedule base, @JsonProperty("iterations") int iterations) {
        this.base = Objects.requireNonNull(base, "base: a learning-rate schedule is required");
        this.iterations = Checks.atLeastOne("iterations", iterations);
    }

    /** A constant {@code learningRate} ramped up linearly over the first {@code iterations} iterations. */
    public Warmup(double learningRate, int iterations) {
        this(new FixedSchedule(Checks.positive("learningRate", learningRate)), iterations);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double value = base.valueAt(iteration, epoch);
        return iteration + 1 >= iterations ? value : value * (iteration + 1) / iterations;
    }

    @JsonProperty("base")
    public ISchedule base() {
        return base;
    }

    @JsonProperty("iterations")
    public int iterations() {
        return iterations;
    }

    @Override
    public ISchedule clone() {
        return new Warmup(base.clone(), iterations);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Warmup && ((Warmup) other).iterations == iterations && ((Warmup) other).base.equals(base);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, iterations);
    }

    @Override
    public String toString() {
        return "Warmup(" + base + ", " + iterations + " iterations)";
    }
}
