package org.dl4jlvm.flows;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Additive coupling (NICE): forward (data to latent) {@code y_b = x_b + t(x_a)}, {@code y_a = x_a};
 * inverse (latent to data) {@code x_b = y_b - t(y_a)}. Volume preserving: {@code log|det| = 0}.
 * {@code t} is the conditioner MLP; see {@link CouplingStep} for the mask.
 *
 * <p>Reference: Dinh, Krueger and Bengio, NICE: Non-linear Independent Components Estimation, 2015
 * (arXiv:1410.8516), section 3.2.
 */
public class AdditiveCoupling extends CouplingStep {

    /** For Jackson. */
    public AdditiveCoupling() {
    }

    private AdditiveCoupling(Builder builder) {
        super(builder);
    }

    @Override
    protected int outputsPerCoordinate() {
        return 1;
    }

    @Override
    protected SDVariable[] couple(SameDiff sd, SDVariable x, SDVariable shift, SDVariable transform) {
        return new SDVariable[] {x.add(shift.mul(transform)), sd.zerosLike(x).sum(true, 1)};
    }

    @Override
    protected SDVariable[] uncouple(SameDiff sd, SDVariable y, SDVariable shift, SDVariable transform) {
        return new SDVariable[] {y.sub(shift.mul(transform)), sd.zerosLike(y).sum(true, 1)};
    }

    /** Builder: {@code new AdditiveCoupling.Builder().dimension(D).mask(Masks.firstHalf(D)).hidden(128, 128).build()}. */
    public static class Builder extends CouplingStep.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public AdditiveCoupling build() {
            return new AdditiveCoupling(this);
        }
    }
}
