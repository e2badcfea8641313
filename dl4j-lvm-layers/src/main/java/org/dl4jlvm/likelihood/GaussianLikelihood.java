package org.dl4jlvm.likelihood;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Diagonal Gaussian observation model:
 * {@code -log p(x | mean, v) = 0.5 * sum_d [ (x_d - mean_d)^2 / v_d + log v_d + log(2 pi) ]}.
 * Either a fixed variance v for every dimension ({@link #fixedVariance}, decoder emits the mean, width D)
 * or a learned per-dimension log-variance ({@link #learnedVariance}, decoder emits
 * {@code [mean | logVariance]}, width 2D, log-variance softly bounded to (-20, 20)).
 *
 * <p>Reference: Kingma and Welling, Auto-Encoding Variational Bayes, 2014 (arXiv:1312.6114), appendix C.2.
 */
public class GaussianLikelihood extends LocationScaleLikelihood {
    private static final long serialVersionUID = 1L;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private double variance = 1.0;

    /** For Jackson: a fixed unit variance. */
    public GaussianLikelihood() {
        super(false);
    }

    private GaussianLikelihood(boolean learned, double variance) {
        super(learned);
        this.variance = variance;
    }

    /** Fixed variance {@code variance} for every dimension; the decoder emits the mean. */
    public static GaussianLikelihood fixedVariance(double variance) {
        return new GaussianLikelihood(false, Checks.positive("variance", variance));
    }

    /** Learned per-dimension log-variance; the decoder emits {@code [mean | logVariance]}. */
    public static GaussianLikelihood learnedVariance() {
        return new GaussianLikelihood(true, 1.0);
    }

    /** The fixed variance (unused when the variance is learned). */
    public double getVariance() {
        return variance;
    }

    public void setVariance(double variance) {
        this.variance = Checks.positive("variance", variance);
    }

    @Override
    protected double fixedLogParameter() {
        return Math.log(variance);
    }

    @Override
    protected SDVariable elementNegLogDensity(SameDiff sd, SDVariable residual, SDVariable logVariance) {
        SDVariable scaled = sd.math.square(residual).mul(sd.math.exp(logVariance.neg()));
        return scaled.add(logVariance).add(LOG_TWO_PI).mul(0.5);
    }

    @Override
    protected double scaleExponent() {
        return 0.5;
    }

    @Override
    protected INDArray standardNoise(Random random, long[] shape) {
        return Nd4j.randn(random, shape);
    }

    @Override
    public String toString() {
        return isLearned() ? "GaussianLikelihood(learned variance)" : "GaussianLikelihood(variance=" + variance + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GaussianLikelihood)) {
            return false;
        }
        GaussianLikelihood other = (GaussianLikelihood) o;
        return other.isLearned() == isLearned() && other.variance == variance;
    }

    @Override
    public int hashCode() {
        return Objects.hash(GaussianLikelihood.class, isLearned(), variance);
    }
}
