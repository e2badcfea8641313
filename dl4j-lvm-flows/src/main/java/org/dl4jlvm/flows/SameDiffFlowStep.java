package org.dl4jlvm.flows;

import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.LayerWiring;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Base of the flow steps written as SameDiff graphs. A subclass writes each direction once,
 * {@link #defineForward} (data to latent) and {@link #defineInverse} (latent to data), each returning
 * {@code {y, logDet}} with logDet of shape {@code [batch, 1]}. The layer runs the forward definition inside
 * the {@code ComputationGraph} on {@code [x | logDet]} (DESIGN convention 6) and DL4J differentiates it;
 * {@link #forward} and {@link #inverse} evaluate the same definitions on arrays.
 *
 * <p>The dimension D must be configured ({@code dimension(D)}); the input width is then D (first step,
 * the log-det column starts at zero) or D + 1.
 *
 * <p>Context (DESIGN convention 12): a conditional flow's steps carry the context C columns between x and the log-det,
 * {@code [x | context | logDet]}, and pass it on unchanged; a step whose conditioner reads it overrides the definitions
 * that take it. The widths are then D + C and D + C + 1 ({@code contextWidth(C)} on the builder).
 *
 * <p>Factored-out coordinates (multi-scale flows, {@link MultiScale}; DESIGN convention 6 extended as convention 12
 * extends it for the context): a step of a later level maps the first D coordinates and carries the F that earlier
 * levels factored out to the base density unchanged after them, {@code [x | factored | context | logDet]}, with log-det
 * 0 on them ({@code factoredOut(F)} on the builder). The step then maps vectors of width D + F ({@link #width()}).
 */
public abstract class SameDiffFlowStep extends SameDiffLayer implements Bijector {

    private long dimension;
    private long contextWidth;
    private long factoredOut;
    private boolean logDetCarried = true;
    private transient StepEvaluator forwardEvaluator;
    private transient StepEvaluator inverseEvaluator;

    protected SameDiffFlowStep() {
    }

    protected SameDiffFlowStep(Builder<?> builder) {
        super(builder);
        this.dimension = builder.dimension;
        this.contextWidth = builder.contextWidth;
        this.factoredOut = builder.factoredOut;
    }

    /** Smallest D this step accepts (1, or 2 for couplings). */
    protected long minimumDimension() {
        return 1;
    }

    /** "Kind 'name'", for error messages. */
    protected String describe() {
        return getClass().getSimpleName() + " '" + getLayerName() + "'";
    }

    /** Checks this step's own settings against D; called when the input type is set. */
    protected void validateConfiguration() {
        LogDetColumn.checkDimension(describe(), dimension, minimumDimension());
        if (contextWidth < 0) {
            throw new IllegalArgumentException(describe() + ": contextWidth must be >= 0, found " + contextWidth);
        }
        if (factoredOut < 0) {
            throw new IllegalArgumentException(describe() + ": factoredOut must be >= 0, found " + factoredOut);
        }
    }

    /** The direction data to latent with the context ({@code [batch, C]}, null without); by default ignores it. */
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params) {
        return defineForward(sd, x, params);
    }

    /** The direction latent to data with the context; by default ignores it. */
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, SDVariable context, Map<String, SDVariable> params) {
        return defineInverse(sd, y, params);
    }

    /** The forward direction, data to latent: {@code x -> {y, log|det dy/dx|}}. */
    public abstract SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params);

    /** The inverse direction, latent to data: {@code y -> {x, log|det dx/dy|}}. */
    public abstract SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params);

    @Override
    public long dimension() {
        return dimension;
    }

    public long getDimension() {
        return dimension;
    }

    public void setDimension(long dimension) {
        this.dimension = dimension;
    }

    /** The width C of the context the step carries (0: none). */
    @Override
    public long contextWidth() {
        return contextWidth;
    }

    public long getContextWidth() {
        return contextWidth;
    }

    public void setContextWidth(long contextWidth) {
        this.contextWidth = contextWidth;
    }

    /** D + F: the width of the vectors the step maps, its own D and the F factored-out coordinates it carries. */
    @Override
    public long width() {
        return dimension + factoredOut;
    }

    /** The number F of factored-out coordinates carried unchanged after x (0: none). */
    public long getFactoredOut() {
        return factoredOut;
    }

    public void setFactoredOut(long factoredOut) {
        this.factoredOut = factoredOut;
    }

    /** D + F + C: the width of the input without the log-det column. */
    long carriedWidth() {
        return width() + contextWidth;
    }

    /** True when the input carries the log-det column (width D + 1); set from the input type. */
    public boolean isLogDetCarried() {
        return logDetCarried;
    }

    public void setLogDetCarried(boolean logDetCarried) {
        this.logDetCarried = logDetCarried;
    }

    @Override
    public FlowOutput forward(INDArray x, INDArray context, Map<String, INDArray> params) {
        checkArrays(x, "x", context);
        if (forwardEvaluator == null) {
            forwardEvaluator = new StepEvaluator(this::defineForward, dimension, contextWidth);
        }
        return withFactored(x, forwardEvaluator.apply(leading(x), context, params));
    }

    @Override
    public FlowOutput inverse(INDArray y, INDArray context, Map<String, INDArray> params) {
        checkArrays(y, "y", context);
        if (inverseEvaluator == null) {
            inverseEvaluator = new StepEvaluator(this::defineInverse, dimension, contextWidth);
        }
        return withFactored(y, inverseEvaluator.apply(leading(y), context, params));
    }

    private INDArray leading(INDArray values) {
        return factoredOut == 0 ? values : values.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dimension));
    }

    /** The step's output with the factored-out coordinates of {@code values} put back after it. */
    private FlowOutput withFactored(INDArray values, FlowOutput out) {
        if (factoredOut == 0) {
            return out;
        }
        INDArray factored = values.get(NDArrayIndex.all(), NDArrayIndex.interval(dimension, width()));
        return new FlowOutput(Nd4j.hstack(out.value(), factored), out.logDet());
    }

    private void checkArrays(INDArray values, String name, INDArray context) {
        Checks.width(describe() + " " + name, values, width());
        LogDetColumn.checkContext(describe(), contextWidth, values.size(0), context);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        boolean whole = !logDetCarried && contextWidth == 0 && factoredOut == 0;
        SDVariable x = whole ? input : input.get(SDIndex.all(), SDIndex.interval(0L, dimension));
        SDVariable context = contextWidth == 0 ? null
                : input.get(SDIndex.all(), SDIndex.interval(width(), carriedWidth()));
        SDVariable[] step = defineForward(sd, x, context, params);
        SDVariable logDet = logDetCarried
                ? input.get(SDIndex.all(), SDIndex.interval(carriedWidth(), carriedWidth() + 1)).add(step[1]) : step[1];
        List<SDVariable> output = new ArrayList<>(List.of(step[0]));
        if (factoredOut > 0) {
            output.add(input.get(SDIndex.all(), SDIndex.interval(dimension, width())));
        }
        if (context != null) {
            output.add(context);
        }
        output.add(logDet);
        return sd.concat(1, output.toArray(new SDVariable[0]));
    }

    @Override
    public void validateInput(INDArray input) {
        LogDetColumn.checkInput(describe(), carriedWidth(), logDetCarried, input);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        validateConfiguration();
        logDetCarried = LogDetColumn.carried(describe(), width(), contextWidth, inputType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        validateConfiguration();
        LogDetColumn.carried(describe(), width(), contextWidth, inputType);
        return InputType.feedForward(carriedWidth() + 1);
    }

    /**
     * A CPU runtime of this step's map, or null (the default) when it has none; with one, the step trains through
     * {@link HostStepLayerImpl} on nd4j-native float and double arrays, otherwise through its SameDiff definition.
     */
    public HostBijection host() {
        return null;
    }

    /**
     * Called by the training runtimes before each forward pass with the step's part x of the input (a view) and its
     * parameters: where a step initialises from data ({@link ActNorm}). Does nothing by default.
     */
    protected void prepare(INDArray x, Map<String, INDArray> params, boolean training) {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        boolean host = Blas.direct(networkDataType) && host() != null;
        return LayerWiring.wire(host ? new HostStepLayerImpl(conf, networkDataType) : new FlowStepLayerImpl(conf, networkDataType),
                conf, trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public SameDiffFlowStep clone() {
        SameDiffFlowStep copy = (SameDiffFlowStep) super.clone();
        copy.forwardEvaluator = null;
        copy.inverseEvaluator = null;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o)
                && dimension == ((SameDiffFlowStep) o).dimension
                && contextWidth == ((SameDiffFlowStep) o).contextWidth
                && factoredOut == ((SameDiffFlowStep) o).factoredOut
                && logDetCarried == ((SameDiffFlowStep) o).logDetCarried;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * super.hashCode() + Long.hashCode(dimension)) + Long.hashCode(contextWidth))
                + Long.hashCode(factoredOut);
    }

    /** Builder of a step: the dimension D, the context width C and DL4J's layer options. */
    public abstract static class Builder<T extends Builder<T>> extends SameDiffLayer.Builder<T> {
        private long dimension;
        private long contextWidth;
        private long factoredOut;

        /** The configured dimension D (0 when not set). */
        protected long dimension() {
            return dimension;
        }

        /** The dimension D of the vectors the step maps (the input is D or D + 1 wide). */
        @SuppressWarnings("unchecked")
        public T dimension(long dimension) {
            this.dimension = dimension;
            return (T) this;
        }

        /** The width C of the context the step carries, {@code [x | context | logDet]} (default 0: none). */
        @SuppressWarnings("unchecked")
        public T contextWidth(long contextWidth) {
            if (contextWidth < 0) {
                throw new IllegalArgumentException("contextWidth: expected >= 0, found " + contextWidth);
            }
            this.contextWidth = contextWidth;
            return (T) this;
        }

        /**
         * F coordinates after x that earlier levels of a multi-scale flow factored out: the step carries them
         * unchanged, {@code [x | factored | context | logDet]} (default 0).
         */
        @SuppressWarnings("unchecked")
        public T factoredOut(long factoredOut) {
            if (factoredOut < 0) {
                throw new IllegalArgumentException("factoredOut: expected >= 0, found " + factoredOut);
            }
            this.factoredOut = factoredOut;
            return (T) this;
        }
    }
}
