package org.dl4jlvm.likelihood;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal Laplace observation model:
 * {@code -log p(x | location, b) = sum_d [ |x_d - location_d| / b_d + log b_d + log 2 ]}.
 * Either a fixed scale b ({@link #fixedScale}, decoder emits the location, width D) or a learned
 * per-dimension log-scale ({@link #learnedScale}, decoder emits {@code [location | logScale]}, width 2D,
 * log-scale softly bounded to (-20, 20)). The mean is the location.
 */
public class LaplaceLikelihood extends LocationScaleLikelihood {
    private static final long serialVersionUID = 1L;
    private static final double LOG_TWO = Math.log(2);

    private double scale = 1.0;

    /** For Jackson: a fixed unit scale. */
    public LaplaceLikelihood() {
        super(false);
    }

    private LaplaceLikelihood(boolean learned, double scale) {
        super(learned);
        this.scale = scale;
    }

    /** Fixed scale b for every dimension; the decoder emits the location. */
    public static LaplaceLikelihood fixedScale(double scale) {
        return new LaplaceLikelihood(false, Checks.positive("scale", scale));
    }

    /** Learned per-dimension log-scale; the decoder emits {@code [location | logScale]}. */
    public static LaplaceLikelihood learnedScale() {
        return new LaplaceLikelihood(true, 1.0);
    }

    /** The fixed scale b (unused when the scale is learned). */
    public double getScale() {
        return scale;
    }

    public void setScale(double scale) {
        this.scale = Checks.positive("scale", scale);
    }

    @Override
    protected double fixedLogParameter() {
        return Math.log(scale);
    }

    @Override
    protected SDVariable elementNegLogDensity(SameDiff sd, SDVariable residual, SDVariable logScale) {
        return sd.math.abs(residual).mul(sd.math.exp(logScale.neg())).add(logScale).add(LOG_TWO);
    }

    @Override
    protected double scaleExponent() {
        return 1.0;
    }

    /** Inverse CDF of the standard Laplace: {@code -sign(u) log(1 - 2|u|)}, u uniform on (-1/2, 1/2). */
    @Override
    protected INDArray standardNoise(Random random, long[] shape) {
        INDArray u = Nd4j.rand(random, shape).subi(0.5);
        INDArray magnitude = Transforms.log(Transforms.abs(u, true).muli(-2).addi(1), false).negi();
        return magnitude.muli(Transforms.sign(u, false));
    }

    @Override
    public String toString() {
        return isLearned() ? "LaplaceLikelihood(learned scale)" : "LaplaceLikelihood(scale=" + scale + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LaplaceLikelihood)) {
            return false;
        }
        LaplaceLikelihood other = (LaplaceLikelihood) o;
        return other.isLearned() == isLearned() && other.scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(LaplaceLikelihood.class, isLearned(), scale);
    }
}
