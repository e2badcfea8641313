package org.dl4jlvm.vae;

import org.dl4jlvm.core.LayerWiring;
import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reparameterised Gaussian sampling layer: input {@code [mean | logVariance]} (width 2Q), output
 * {@code z = mean + exp(logVariance / 2) * eps} (width Q) with {@code eps ~ N(0, I)} drawn fresh per
 * example and per iteration, for any batch size. The log-variance is softly bounded to (-20, 20) ({@code LogScaleBounds}). At inference
 * ({@code train == false}) it returns {@code mean}, unless built with {@code sampleAtInference(true)}.
 *
 * <p>With {@code logDensity(true)} the output carries one more column, {@code [z | -log q(z | x)]} (width Q + 1),
 * {@code -log q(z | x) = 0.5 * sum_q (eps_q^2 + log(2 pi) + logVariance_q)}: the start of a flow posterior's log-det
 * column (DESIGN convention 6), so that after steps that add {@code log|det dz_k / dz_(k-1)|} it holds
 * {@code -log q(z_K | x)} (see {@code MonteCarloKlOutputLayer}).
 *
 * <p>The noise drawn in the forward pass is kept for the backward pass (a SameDiff layer would re-run its
 * forward graph during backprop and so draw different noise), which is why this layer has its own runtime.
 *
 * <p>Reference: Kingma and Welling, Auto-Encoding Variational Bayes, 2014 (arXiv:1312.6114), section 2.4.
 */
public class GaussianSamplingLayer extends NoParamLayer {

    private boolean sampleAtInference;
    private boolean logDensity;

    /** For Jackson: returns the mean at inference. */
    public GaussianSamplingLayer() {
    }

    private GaussianSamplingLayer(Builder builder) {
        super(builder);
        this.sampleAtInference = builder.sampleAtInference;
        this.logDensity = builder.logDensity;
    }

    /** True when the output carries {@code -log q(z | x)} as a last column. */
    public boolean isLogDensity() {
        return logDensity;
    }

    public void setLogDensity(boolean logDensity) {
        this.logDensity = logDensity;
    }

    /** True when the layer also samples at inference instead of returning the mean. */
    public boolean isSampleAtInference() {
        return sampleAtInference;
    }

    public void setSampleAtInference(boolean sampleAtInference) {
        this.sampleAtInference = sampleAtInference;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new GaussianSamplingLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException("GaussianSamplingLayer '" + getLayerName()
                    + "': expected feed-forward input [mean | logVariance], found " + inputType);
        }
        long width = ((InputType.InputTypeFeedForward) inputType).getSize();
        return InputType.feedForward(LatentWidth.of("GaussianSamplingLayer '" + getLayerName() + "' input", width)
                + (logDensity ? 1 : 0));
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        getOutputType(-1, inputType);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, GaussianSamplingLayer.class, inputType, outputType)
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, outputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianSamplingLayer && super.equals(o)
                && sampleAtInference == ((GaussianSamplingLayer) o).sampleAtInference
                && logDensity == ((GaussianSamplingLayer) o).logDensity;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), sampleAtInference, logDensity);
    }

    /** Builder. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        private boolean sampleAtInference;
        private boolean logDensity;

        /** Output {@code [z | -log q(z | x)]}, width Q + 1 (default false: z alone). */
        public Builder logDensity(boolean logDensity) {
            this.logDensity = logDensity;
            return this;
        }

        /** Sample also at inference (default false: return the mean). */
        public Builder sampleAtInference(boolean sampleAtInference) {
            this.sampleAtInference = sampleAtInference;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GaussianSamplingLayer build() {
            return new GaussianSamplingLayer(this);
        }
    }
}
