package org.dl4jlvm.flows.transform;

import java.io.Serializable;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

/**
 * An invertible map of each coordinate, {@code y_j = f(x_j; theta_j)}, whose parameters {@code theta_j} a conditioner
 * network computes per example. Coupling and autoregressive steps hold one (zuko's "univariate" transforms, TFP's
 * {@code bijector_fn}).
 *
 * <p>Direction: {@link #forward} maps data towards latent ({@code x -> y}, density evaluation and training);
 * {@link #inverse} maps latent towards data (sampling). TensorFlow Probability uses the opposite convention.
 *
 * <p>Parameter layout: for {@code n} coordinates, {@code h} is {@code [batch, P n]}, block {@code k} (columns
 * {@code k n} to {@code (k + 1) n - 1}) holding parameter {@code k} of every coordinate, P being
 * {@link #parametersPerCoordinate()}. A conditioner whose last layer starts at zero emits {@code h = 0}; every
 * transform is the identity there, so a new step is the identity.
 *
 * <p>A transform that also implements {@link HostTransform} trains through the library's CPU fast path; this
 * definition stays the reference that the inverse, sampling and other backends run, and the tests compare the two.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface ElementwiseTransform extends Serializable {

    /** The number P of parameters each coordinate takes. */
    int parametersPerCoordinate();

    /**
     * Data towards latent: {@code {y, log|dy/dx|}}, both {@code [batch, n]} (the log-derivative per coordinate).
     *
     * @param x {@code [batch, n]}
     * @param h {@code [batch, P n]}, laid out as above
     * @param n the number of coordinates
     */
    SDVariable[] forward(SameDiff sd, SDVariable x, SDVariable h, long n);

    /** Latent towards data, the inverse of {@link #forward} for the same {@code h}: {@code {x, log|dx/dy|}}. */
    SDVariable[] inverse(SameDiff sd, SDVariable y, SDVariable h, long n);

    /** Parameter block {@code k} of {@code h}: {@code [batch, n]}. */
    static SDVariable block(SDVariable h, int k, long n) {
        return blocks(h, k, 1, n);
    }

    /** Parameter blocks {@code first} to {@code first + count - 1} of {@code h}: {@code [batch, count n]}. */
    static SDVariable blocks(SDVariable h, int first, int count, long n) {
        return h.get(SDIndex.all(), SDIndex.interval(first * n, (first + count) * n));
    }
}
