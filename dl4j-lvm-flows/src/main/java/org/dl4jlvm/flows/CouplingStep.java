package org.dl4jlvm.flows;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the coupling steps. A binary mask splits x into a kept part {@code x_a} (mask 1) and a transformed
 * part {@code x_b} (mask 0); a conditioner MLP reads {@code x_a} and parameterises an invertible elementwise
 * map of {@code x_b}: {@code y_a = x_a}, {@code y_b = g(x_b; MLP(x_a))}. The Jacobian is triangular, so
 * {@code log|det|} is the sum of the log-derivatives of g. The conditioner's last layer starts at zero, so a
 * new step is the identity. Needs D >= 2 and a mask with both parts non-empty.
 */
public abstract class CouplingStep extends SameDiffFlowStep {

    private int[] mask;
    private int[] hidden = {64, 64};
    private Activation activation = Activation.RELU;

    protected CouplingStep() {
    }

    protected CouplingStep(Builder<?> builder) {
        super(builder);
        this.mask = builder.mask;
        this.hidden = builder.hidden;
        this.activation = builder.activation;
    }

    /** Conditioner outputs per coordinate (1 for a shift, 2 for a log-scale and a shift). */
    protected abstract int outputsPerCoordinate();

    /**
     * {@code x -> {y, logDet}} given the conditioner output {@code h} ({@code [batch, D * outputsPerCoordinate]})
     * and {@code transform} ({@code [1, D]}, 1 on the transformed coordinates): must leave the other coordinates unchanged.
     */
    protected abstract SDVariable[] couple(SameDiff sd, SDVariable x, SDVariable h, SDVariable transform);

    /** {@code y -> {x, logDet}}, the inverse of {@link #couple} for the same {@code h}. */
    protected abstract SDVariable[] uncouple(SameDiff sd, SDVariable y, SDVariable h, SDVariable transform);

    @Override
    protected long minimumDimension() {
        return 2;
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        Masks.check(describe() + " mask", mask, dimension());
    }

    Conditioner conditioner() {
        return new Conditioner(mask.length, hidden, (long) mask.length * outputsPerCoordinate());
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        validateConfiguration();
        conditioner().defineParameters(params);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        conditioner().initialize(params, getWeightInit() == null ? WeightInit.RELU : getWeightInit());
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params) {
        return apply(sd, x, params, true);
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        return apply(sd, y, params, false);
    }

    /**
     * Written with the mask as a multiplier rather than by gathering columns (as in the RealNVP paper):
     * the conditioner reads {@code x * mask}, and its outputs are multiplied by {@code 1 - mask}, so the kept
     * coordinates pass unchanged with zero log-derivative.
     */
    private SDVariable[] apply(SameDiff sd, SDVariable input, Map<String, SDVariable> params, boolean forward) {
        double[] kept = new double[mask.length];
        for (int i = 0; i < mask.length; i++) {
            kept[i] = mask[i];
        }
        INDArray keptArray = Nd4j.createFromArray(kept).reshape(1, mask.length).castTo(input.dataType());
        SDVariable keep = sd.constant(keptArray);
        SDVariable transform = sd.constant(keptArray.rsub(1.0));
        SDVariable h = conditioner().define(sd, input.mul(keep), params, activation);
        return forward ? couple(sd, input, h, transform) : uncouple(sd, input, h, transform);
    }

    public int[] getMask() {
        return mask == null ? null : mask.clone();
    }

    public void setMask(int[] mask) {
        this.mask = mask == null ? null : mask.clone();
    }

    public int[] getHidden() {
        return hidden.clone();
    }

    public void setHidden(int[] hidden) {
        this.hidden = hidden.clone();
    }

    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(mask, ((CouplingStep) o).mask)
                && Arrays.equals(hidden, ((CouplingStep) o).hidden) && activation == ((CouplingStep) o).activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), Arrays.hashCode(mask), Arrays.hashCode(hidden), activation);
    }

    /** Builder of a coupling step: mask, conditioner hidden sizes and activation. */
    public abstract static class Builder<T extends Builder<T>> extends SameDiffFlowStep.Builder<T> {
        private int[] mask;
        private int[] hidden = {64, 64};
        private Activation activation = Activation.RELU;

        /** The mask (see {@link Masks}): 1 = kept and conditioning, 0 = transformed; length D. */
        @SuppressWarnings("unchecked")
        public T mask(int... mask) {
            this.mask = mask.clone();
            return (T) this;
        }

        /** Hidden sizes of the conditioner MLP (default 64, 64). */
        @SuppressWarnings("unchecked")
        public T hidden(int... hidden) {
            for (int size : hidden) {
                Checks.atLeastOne("hidden sizes", size);
            }
            this.hidden = hidden.clone();
            return (T) this;
        }

        /**
         * Activation of the conditioner's hidden layers (default ReLU): one that SameDiff can evaluate, since the
         * inverse and sampling run the step's SameDiff definition, and not RRELU, whose random slopes in training would
         * make the forward and inverse directions different functions.
         */
        @SuppressWarnings("unchecked")
        public T activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            if (activation == Activation.RRELU) {
                throw new IllegalArgumentException("activation: expected a deterministic activation, found RRELU "
                        + "(random slopes in training); use LEAKYRELU");
            }
            try {
                SameDiff probe = SameDiff.create();
                activation.asSameDiff(probe, probe.placeHolder("x", DataType.FLOAT, -1, 2));
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("activation: expected one that SameDiff evaluates (the inverse and "
                        + "sampling need it), found " + activation + ", which DL4J 1.0.0-M2.1's SameDiff lacks", e);
            }
            return (T) this;
        }
    }
}
