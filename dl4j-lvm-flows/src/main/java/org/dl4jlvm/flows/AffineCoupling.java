package org.dl4jlvm.flows;

import org.dl4jlvm.core.Checks;
import org.dl4jlvm.flows.transform.AffineTransform;

/**
 * Affine coupling (RealNVP): a {@link CouplingStep} with the {@link AffineTransform}, forward (data to latent)
 * {@code y_b = x_b * exp(s(x_a)) + t(x_a)}, {@code y_a = x_a}, {@code log|det| = sum s(x_a)}; inverse (latent to
 * data) {@code x_b = (y_b - t(y_a)) * exp(-s(y_a))}. The log-scale is soft-clamped, {@code s = B tanh(raw / B)}, with
 * {@code B = logScaleBound} (default 3).
 *
 * <p>Reference: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017
 * (arXiv:1605.08803), section 3.3.
 */
public class AffineCoupling extends CouplingStep {

    /** For Jackson. */
    public AffineCoupling() {
        setTransform(new AffineTransform());
    }

    private AffineCoupling(Builder builder) {
        super(builder, new AffineTransform(builder.logScaleBound));
    }

    /** The bound B of the soft clamp {@code s = B tanh(raw / B)}. */
    public double getLogScaleBound() {
        return ((AffineTransform) getTransform()).getLogScaleBound();
    }

    /** Kept for configurations saved by 0.1.0, which stored the bound on the step. */
    public void setLogScaleBound(double logScaleBound) {
        setTransform(new AffineTransform(logScaleBound));
    }

    /** Builder: {@code new AffineCoupling.Builder().dimension(D).mask(Masks.alternating(D, 0)).hidden(128, 128).build()}. */
    public static class Builder extends CouplingStep.Base<Builder> {
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
