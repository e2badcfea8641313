package org.dl4jlvm.flows;

import org.dl4jlvm.flows.transform.AffineTransform;
import org.dl4jlvm.flows.transform.RationalQuadraticSpline;
import org.nd4j.linalg.activations.Activation;

/**
 * The settings a {@link FlowGraphBuilder} hands its {@link StepFactory}: dimension, context width, conditioner and
 * transform options, seed; and builders of the library's steps preconfigured with them.
 */
public final class StepSettings {
    private final int dimension;
    private final int contextWidth;
    private final int[] hidden;
    private final Activation activation;
    private final double logScaleBound;
    private final int bins;
    private final double splineBound;
    private final long seed;

    StepSettings(int dimension, int contextWidth, int[] hidden, Activation activation, double logScaleBound, int bins,
            double splineBound, long seed) {
        this.dimension = dimension;
        this.contextWidth = contextWidth;
        this.hidden = hidden.clone();
        this.activation = activation;
        this.logScaleBound = logScaleBound;
        this.bins = bins;
        this.splineBound = splineBound;
        this.seed = seed;
    }

    public int dimension() {
        return dimension;
    }

    public int contextWidth() {
        return contextWidth;
    }

    public long seed() {
        return seed;
    }

    /** The conditioners' hidden sizes (an MLP's layers, a convolutional conditioner's channels). */
    public int[] hidden() {
        return hidden.clone();
    }

    /** The conditioners' hidden activation. */
    public Activation activation() {
        return activation;
    }

    /** The affine transform with the configured log-scale bound. */
    public AffineTransform affine() {
        return new AffineTransform(logScaleBound);
    }

    /** The spline with the configured bins and bound. */
    public RationalQuadraticSpline spline() {
        return new RationalQuadraticSpline(bins, splineBound);
    }

    /** A coupling with this mask, conditioner and context (affine until {@code transform(...)} says otherwise). */
    public CouplingStep.Builder coupling(int[] mask) {
        return configured(new CouplingStep.Builder(), mask).transform(affine());
    }

    /** RealNVP's affine coupling with this mask, conditioner, context and log-scale bound. */
    public AffineCoupling affineCoupling(int[] mask) {
        return configured(new AffineCoupling.Builder(), mask).logScaleBound(logScaleBound).build();
    }

    /** NICE's additive coupling with this mask, conditioner and context. */
    public AdditiveCoupling additiveCoupling(int[] mask) {
        return configured(new AdditiveCoupling.Builder(), mask).build();
    }

    private <T extends CouplingStep.Base<T>> T configured(T builder, int[] mask) {
        return builder.dimension(dimension).contextWidth(contextWidth).mask(mask).hidden(hidden).activation(activation);
    }

    /** An autoregressive step with this order, conditioner and context (affine until {@code transform(...)}). */
    public AutoregressiveStep.Builder autoregressive(int[] order) {
        return new AutoregressiveStep.Builder().dimension(dimension).contextWidth(contextWidth).order(order)
                .hidden(hidden).activation(activation).transform(affine());
    }

    /** A per-coordinate ActNorm carrying the context. */
    public ActNorm actNorm() {
        return new ActNorm.Builder().dimension(dimension).contextWidth(contextWidth).build();
    }

    /** An LU-parameterised invertible linear map, seeded, carrying the context. */
    public InvertibleLinear invertibleLinear(long seed) {
        return new InvertibleLinear.Builder().dimension(dimension).contextWidth(contextWidth).seed(seed).build();
    }

    /** Natural order for even steps, reversed for odd ones, so that every coordinate comes first once in two steps. */
    public int[] alternatingOrder(int index) {
        return index % 2 == 0 ? Orders.natural(dimension) : Orders.reversed(dimension);
    }
}
