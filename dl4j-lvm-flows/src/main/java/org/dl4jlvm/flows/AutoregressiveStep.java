package org.dl4jlvm.flows;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.flows.transform.AffineTransform;
import org.dl4jlvm.flows.transform.ElementwiseTransform;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Autoregressive step: every coordinate is transformed, its parameters computed by a MADE conditioner from the
 * coordinates before it in the order (and the context). Two directions of one map:
 * <ul>
 *   <li>MAF (the default): forward (data to latent) {@code z_i = f(x_i; MADE(x)_i)} in one pass, so density evaluation
 *       and training are one pass; inverse (sampling) {@code x_i = f^-1(z_i; MADE(x)_i)}, D passes, one coordinate
 *       settled per pass.</li>
 *   <li>IAF ({@code inverseAutoregressive()}): MAF's inverse as the step, forward (density) {@code z_i = f^-1(x_i;
 *       MADE(z)_i)} in D passes, inverse (sampling) {@code x_i = f(z_i; MADE(z)_i)} in one pass.</li>
 * </ul>
 * {@code log|det| = sum_i log|f'|} of the pass that maps, signed by its direction. With
 * {@link org.dl4jlvm.flows.transform.RationalQuadraticSpline} it is NSF's autoregressive step (NSF-AR).
 *
 * <p>Example: {@code new AutoregressiveStep.Builder().dimension(2).order(Orders.reversed(2)).hidden(128, 128).build()}.
 *
 * <p>References: Papamakarios, Pavlakou and Murray, Masked Autoregressive Flow for Density Estimation, 2017
 * (arXiv:1705.07057); Kingma, Salimans, Jozefowicz, Chen, Sutskever and Welling, Improving Variational Inference with
 * Inverse Autoregressive Flow, 2016 (arXiv:1606.04934); Germain et al., MADE, 2015 (arXiv:1502.03509).
 */
public class AutoregressiveStep extends ConditionedStep {
    private int[] order;
    private boolean inverseAutoregressive;

    /** For Jackson. */
    public AutoregressiveStep() {
    }

    private AutoregressiveStep(Builder builder) {
        super(builder, builder.transform);
        this.order = builder.order != null || dimension() < 1 ? builder.order : Orders.natural((int) dimension());
        this.inverseAutoregressive = builder.inverseAutoregressive;
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        Orders.check(describe() + " order", order, dimension());
    }

    @Override
    protected int[] inputDegrees() {
        int[] positions = Orders.positions(order);
        int[] degrees = new int[positions.length];
        for (int j = 0; j < degrees.length; j++) {
            degrees[j] = positions[j] + 1;
        }
        return degrees;
    }

    @Override
    protected boolean[] passedThrough() {
        return new boolean[order.length];
    }

    @Override
    protected boolean forwardIsOnePass() {
        return !inverseAutoregressive;
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params) {
        return inverseAutoregressive ? settle(sd, x, context, params) : pass(sd, x, x, context, params, true);
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, SDVariable context, Map<String, SDVariable> params) {
        return inverseAutoregressive ? pass(sd, y, y, context, params, true) : settle(sd, y, context, params);
    }

    /**
     * Solves {@code target = f(u; MADE(u))} for u in D passes of {@code u_i = f^-1(target_i; MADE(u)_i)} (MAF's
     * sampling, IAF's density): after pass t the first t coordinates of the order are final, so the last pass's
     * conditioner output, and with it the log-det {@code log|du/dtarget|}, is exact.
     */
    private SDVariable[] settle(SameDiff sd, SDVariable target, SDVariable context, Map<String, SDVariable> params) {
        SDVariable solution = sd.zerosLike(target);
        SDVariable[] step = null;
        for (int t = 0; t < order.length; t++) {
            step = pass(sd, target, solution, context, params, false);
            solution = step[0];
        }
        return step;
    }

    /** {@code order[t]} is the coordinate that comes t-th. */
    public int[] getOrder() {
        return order == null ? null : order.clone();
    }

    public void setOrder(int[] order) {
        this.order = order == null ? null : order.clone();
    }

    /** True for IAF: sampling in one pass, density in D. */
    public boolean isInverseAutoregressive() {
        return inverseAutoregressive;
    }

    public void setInverseAutoregressive(boolean inverseAutoregressive) {
        this.inverseAutoregressive = inverseAutoregressive;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(order, ((AutoregressiveStep) o).order)
                && inverseAutoregressive == ((AutoregressiveStep) o).inverseAutoregressive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), Arrays.hashCode(order), inverseAutoregressive);
    }

    /** Builder: transform (default affine), order (default natural, see {@link Orders}), MAF or IAF. */
    public static class Builder extends ConditionedStep.Builder<Builder> {
        private ElementwiseTransform transform = new AffineTransform();
        private int[] order;
        private boolean inverseAutoregressive;

        /** The elementwise transform of every coordinate. */
        public Builder transform(ElementwiseTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** The order: {@code order[t]} is the coordinate that comes t-th ({@link Orders} makes the usual ones). */
        public Builder order(int... order) {
            this.order = order.clone();
            return this;
        }

        /** IAF instead of MAF: sampling in one pass, density in D passes. */
        public Builder inverseAutoregressive() {
            this.inverseAutoregressive = true;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AutoregressiveStep build() {
            return new AutoregressiveStep(this);
        }
    }
}
