package org.dl4jlvm.core;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The clamp every log-variance passes through, in the sampling layer, the KL regulariser and the
 * Gaussian and Laplace likelihoods alike, so that {@code exp(logVariance)} and {@code exp(-logVariance)}
 * stay finite in float32: {@code clamp(v) = min(max(v, MIN), MAX)} with {@code MIN = -20},
 * {@code MAX = 20} (variance between 2e-9 and 5e8). The gradient is zero outside the bounds.
 */
public final class LogScaleBounds {
    /** Smallest log-variance (or log-scale) used. */
    public static final double MIN = -20.0;
    /** Largest log-variance (or log-scale) used. */
    public static final double MAX = 20.0;

    private LogScaleBounds() {
    }

    /** The clamp as a SameDiff op (for training graphs). */
    public static SDVariable clamp(SameDiff sd, SDVariable logVariance) {
        return sd.math.clipByValue(logVariance, MIN, MAX);
    }

    /** The clamp on an array (returns a new array). */
    public static INDArray clamp(INDArray logVariance) {
        return Transforms.min(Transforms.max(logVariance, MIN, true), MAX, false);
    }

    /** 1 where the clamp passes the gradient (inside the bounds), 0 elsewhere. */
    public static INDArray insideMask(INDArray logVariance) {
        INDArray above = logVariance.gte(MIN).castTo(logVariance.dataType());
        INDArray below = logVariance.lte(MAX).castTo(logVariance.dataType());
        return above.muli(below);
    }
}
