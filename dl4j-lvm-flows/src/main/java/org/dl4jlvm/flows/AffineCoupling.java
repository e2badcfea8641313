package org.dl4jlvm.flows;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Affine coupling (RealNVP): forward (data to latent) {@code y_b = x_b * exp(s(x_a)) + t(x_a)},
 * {@code y_a = x_a}, {@code log|det| = sum s(x_a)}; inverse (latent to data)
 * {@code x_b = (y_b - t(y_a)) * exp(-s(y_a))}, {@code log|det| = -sum s(y_a)}.
 *
 * <p>The conditioner emits {@code [raw | t]}; the log-scale is soft-clamped,
 * {@code s = B * tanh(raw / B)}, so {@code |s| < B} with {@code B = logScaleBound} (default 3, i.e. each
 * scale lies in (e^-3, e^3)) while {@code s ~ raw} near zero. See {@link CouplingStep} for the mask.
 *
 * <p>Reference: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017
 * (arXiv:1605.08803), section 3.3.
 */
public class AffineCoupling extends CouplingStep {

    private double logScaleBound = 3.0;

    /** For Jackson. */
    public AffineCoupling() {
    }

    private AffineCoupling(Builder builder) {
        super(builder);
        this.logScaleBound = builder.logScaleBound;
    }

    @Override
    protected int outputsPerCoordinate() {
        return 2;
    }

    /** {logScale, shift}, both zero outside the transformed coordinates. */
    private SDVariable[] scaleAndShift(SameDiff sd, SDVariable h, SDVariable transform) {
        long d = dimension();
        SDVariable raw = h.get(SDIndex.all(), SDIndex.interval(0L, d));
        SDVariable shift = h.get(SDIndex.all(), SDIndex.interval(d, 2 * d));
        SDVariable logScale = sd.math.tanh(raw.div(logScaleBound)).mul(logScaleBound);
        return new SDVariable[] {logScale.mul(transform), shift.mul(transform)};
    }

    @Override
    protected SDVariable[] couple(SameDiff sd, SDVariable x, SDVariable h, SDVariable transform) {
        SDVariable[] scaleShift = scaleAndShift(sd, h, transform);
        SDVariable y = x.mul(sd.math.exp(scaleShift[0])).add(scaleShift[1]);
        return new SDVariable[] {y, scaleShift[0].sum(true, 1)};
    }

    @Override
    protected SDVariable[] uncouple(SameDiff sd, SDVariable y, SDVariable h, SDVariable transform) {
        SDVariable[] scaleShift = scaleAndShift(sd, h, transform);
        SDVariable x = y.sub(scaleShift[1]).mul(sd.math.exp(scaleShift[0].neg()));
        return new SDVariable[] {x, scaleShift[0].sum(true, 1).neg()};
    }

    /** Trains with {@link AffineCouplingLayerImpl}, whose backward pass is written out rather than run by SameDiff. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners, int layerIndex,
            INDArray params, boolean initializeParams, org.nd4j.linalg.api.buffer.DataType dataType) {
        return org.dl4jlvm.core.LayerWiring.wire(new AffineCouplingLayerImpl(conf, dataType), conf, listeners, layerIndex,
                params, initializeParams);
    }

    /** The bound B of the soft clamp {@code s = B tanh(raw / B)}. */
    public double getLogScaleBound() {
        return logScaleBound;
    }

    public void setLogScaleBound(double logScaleBound) {
        this.logScaleBound = Checks.positive("logScaleBound", logScaleBound);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && logScaleBound == ((AffineCoupling) o).logScaleBound;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), logScaleBound);
    }

    /** Builder: {@code new AffineCoupling.Builder().dimension(D).mask(Masks.alternating(D, 0)).hidden(128, 128).build()}. */
    public static class Builder extends CouplingStep.Builder<Builder> {
        private double logScaleBound = 3.0;

        /** Bound B of the soft clamp of the log-scale (default 3). */
        public Builder logScaleBound(double bound) {
            this.logScaleBound = Checks.positive("logScaleBound", bound);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AffineCoupling build() {
            return new AffineCoupling(this);
        }
    }
}
