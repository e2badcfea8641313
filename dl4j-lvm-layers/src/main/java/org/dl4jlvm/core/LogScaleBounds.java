package org.dl4jlvm.core;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The soft bound every log-variance (or log-scale) passes through, in the sampling layer, the KL regulariser and the
 * Gaussian and Laplace likelihoods alike, so that {@code exp(logVariance)} and {@code exp(-logVariance)} stay finite
 * in float32 while a unit that strays outside still gets a gradient back:
 * <pre>
 *   bound(v) = c + W tanh((v - c) / W),   c = clip(v, -LINEAR, LINEAR),   W = MAX - LINEAR
 * </pre>
 * the identity on [-15, 15], then bending smoothly (with a continuous first derivative) towards MIN = -20 and
 * MAX = 20 (variance between 2e-9 and 5e8). Its derivative {@code 1 - tanh^2((v - c) / W)} is 1 inside and positive
 * everywhere: 0.07 at 25, 1e-3 at 30. A hard clamp gave a zero gradient outside, so a unit that left it never
 * came back.
 */
public final class LogScaleBounds {
    /** Smallest log-variance (or log-scale) used: the bound's infimum. */
    public static final double MIN = -20.0;
    /** Largest log-variance (or log-scale) used: the bound's supremum. */
    public static final double MAX = 20.0;
    /** The bound is the identity on [-LINEAR, LINEAR]. */
    public static final double LINEAR = 15.0;
    private static final double WIDTH = MAX - LINEAR;

    private LogScaleBounds() {
    }

    /** The bound as SameDiff ops (for training graphs and the reference definitions). */
    public static SDVariable bound(SameDiff sd, SDVariable logVariance) {
        SDVariable inside = sd.math.clipByValue(logVariance, -LINEAR, LINEAR);
        return inside.add(sd.math.tanh(logVariance.sub(inside).div(WIDTH)).mul(WIDTH));
    }

    /** The bound on an array (returns a new array). */
    public static INDArray bound(INDArray logVariance) {
        INDArray inside = Transforms.min(Transforms.max(logVariance, -LINEAR, true), LINEAR, false);
        INDArray excess = logVariance.sub(inside).divi(WIDTH);
        return inside.addi(Transforms.tanh(excess, false).muli(WIDTH));
    }

    /** The bound's derivative {@code d bound(v) / dv}: 1 on [-15, 15], {@code 1 - tanh^2((v - c) / W)} beyond. */
    public static INDArray derivative(INDArray logVariance) {
        INDArray inside = Transforms.min(Transforms.max(logVariance, -LINEAR, true), LINEAR, false);
        INDArray tanh = Transforms.tanh(logVariance.sub(inside).divi(WIDTH), false);
        return tanh.muli(tanh).rsubi(1.0);
    }
}
