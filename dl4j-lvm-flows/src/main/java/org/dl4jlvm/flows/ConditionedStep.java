package org.dl4jlvm.flows;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.LayerWiring;
import org.dl4jlvm.flows.conditioner.Conditioner;
import org.dl4jlvm.flows.conditioner.MaskedMlp;
import org.dl4jlvm.flows.conditioner.SameDiffActivation;
import org.dl4jlvm.flows.transform.ElementwiseTransform;
import org.dl4jlvm.flows.transform.HostTransform;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flow step made of an {@link ElementwiseTransform} whose parameters a {@link MaskedMlp} conditioner computes from
 * the step's input (and the context, if any): {@code y_j = f(x_j; h_j)}, {@code h = MLP([x | context])}, with the
 * MLP's masks making {@code h_j} independent of {@code x_j} and of what comes after it, so that the Jacobian is
 * triangular and {@code log|det| = sum_j log|f'(x_j; h_j)|}. The subclass says which coordinates the conditioner may
 * read for which ({@link #inputDegrees}), which pass unchanged, and how each direction runs; the configuration, JSON,
 * parameters, initialisation, context and layer wiring are here, once. A subclass may also put another
 * {@link Conditioner} in the MLP's place ({@link ConvolutionalCoupling}'s convolutions).
 *
 * <p>Training runtime: where the transform is also a {@link HostTransform}, the conditioner has a CPU runtime
 * ({@link Conditioner#host}: the masked MLP's and the convolutions'), the arrays are nd4j-native float or double and the
 * forward direction is one conditioner pass, the step trains through {@link ConditionedStepLayerImpl} (Java loops and
 * direct BLAS); otherwise, and on other backends, through the SameDiff definition ({@link FlowStepLayerImpl}).
 */
public abstract class ConditionedStep extends SameDiffFlowStep {
    private ElementwiseTransform transform;
    private int[] hidden = {64, 64};
    private Activation activation = Activation.RELU;

    protected ConditionedStep() {
    }

    protected ConditionedStep(Builder<?> builder, ElementwiseTransform transform) {
        super(builder);
        this.transform = Objects.requireNonNull(transform, "transform");
        this.hidden = builder.hidden;
        this.activation = builder.activation;
    }

    /** The degree of each coordinate, at least 1: outputs of coordinate i read the inputs of lower degree. */
    protected abstract int[] inputDegrees();

    /** Which coordinates pass unchanged (a coupling's kept part); all false when every coordinate is transformed. */
    protected abstract boolean[] passedThrough();

    /** Whether the forward direction (data to latent) is one pass of the conditioner; the fast runtime needs it. */
    protected boolean forwardIsOnePass() {
        return true;
    }

    /** The conditioner network for this configuration: a masked MLP over {@code [x | context]}. */
    public Conditioner conditioner() {
        return new MaskedMlp(inputDegrees(), getContextWidth(), hidden, transform.parametersPerCoordinate());
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
        return defineForward(sd, x, null, params);
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        return defineInverse(sd, y, null, params);
    }

    /**
     * One conditioner pass: {@code h = MLP([source | context])}, then the transform of {@code values} in the given
     * direction on the transformed coordinates; the others pass unchanged with log-derivative 0. Returns
     * {@code {image, logDet}}. The pass-through is written as 0/1 multipliers, so every coordinate runs the transform.
     */
    protected SDVariable[] pass(SameDiff sd, SDVariable values, SDVariable source, SDVariable context,
            Map<String, SDVariable> params, boolean forward) {
        SDVariable h = conditioner().define(sd, source, context, params, activation);
        SDVariable[] mapped = forward ? transform.forward(sd, values, h, dimension())
                : transform.inverse(sd, values, h, dimension());
        boolean[] through = passedThrough();
        if (!any(through)) {
            return new SDVariable[] {mapped[0], mapped[1].sum(true, 1)};
        }
        double[] kept = new double[through.length];
        for (int j = 0; j < kept.length; j++) {
            kept[j] = through[j] ? 1.0 : 0.0;
        }
        INDArray keptRow = Nd4j.createFromArray(kept).reshape(1, kept.length).castTo(values.dataType());
        SDVariable keep = sd.constant(keptRow);
        SDVariable change = sd.constant(keptRow.rsub(1.0));
        return new SDVariable[] {values.mul(keep).add(mapped[0].mul(change)), mapped[1].mul(change).sum(true, 1)};
    }

    static boolean any(boolean[] values) {
        for (boolean value : values) {
            if (value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray params, boolean initializeParams,
            DataType dataType) {
        boolean fast = transform instanceof HostTransform && Blas.direct(dataType) && forwardIsOnePass()
                && conditioner().host(activation.getActivationFunction()) != null;
        return LayerWiring.wire(fast ? new ConditionedStepLayerImpl(conf, dataType) : new FlowStepLayerImpl(conf, dataType),
                conf, listeners, layerIndex, params, initializeParams);
    }

    public ElementwiseTransform getTransform() {
        return transform;
    }

    public void setTransform(ElementwiseTransform transform) {
        this.transform = transform;
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
        return super.equals(o) && Objects.equals(transform, ((ConditionedStep) o).transform)
                && Arrays.equals(hidden, ((ConditionedStep) o).hidden) && activation == ((ConditionedStep) o).activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), transform, Arrays.hashCode(hidden), activation);
    }

    /** Builder of the conditioner: hidden sizes and activation. */
    public abstract static class Builder<T extends Builder<T>> extends SameDiffFlowStep.Builder<T> {
        private int[] hidden = {64, 64};
        private Activation activation = Activation.RELU;

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
                SameDiffActivation.apply(activation, probe, probe.placeHolder("x", DataType.FLOAT, -1, 2));
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("activation: expected one that SameDiff evaluates (the inverse and "
                        + "sampling need it), found " + activation + ", which DL4J 1.0.0-M2.1's SameDiff lacks", e);
            }
            return (T) this;
        }
    }
}
