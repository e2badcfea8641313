package org.dl4jlvm.flows;

import org.dl4jlvm.flows.transform.AdditiveTransform;

/**
 * Additive coupling (NICE): a {@link CouplingStep} with the {@link AdditiveTransform}, forward (data to latent)
 * {@code y_b = x_b + t(x_a)}, {@code y_a = x_a}; inverse (latent to data) {@code x_b = y_b - t(y_a)}. Volume
 * preserving: {@code log|det| = 0}.
 *
 * <p>Reference: Dinh, Krueger and Bengio, NICE: Non-linear Independent Components Estimation, 2015
 * (arXiv:1410.8516), section 3.2.
 */
public class AdditiveCoupling extends CouplingStep {

    /** For Jackson. */
    public AdditiveCoupling() {
        setTransform(new AdditiveTransform());
    }

    private AdditiveCoupling(Builder builder) {
        super(builder, new AdditiveTransform());
    }

    /** Builder: {@code new AdditiveCoupling.Builder().dimension(D).mask(Masks.firstHalf(D)).hidden(128, 128).build()}. */
    public static class Builder extends CouplingStep.Base<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public AdditiveCoupling build() {
            return new AdditiveCoupling(this);
        }
    }
}
