package org.dl4jlvm.core;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer {@code y = f(x W + b)} with DL4J's {@code DenseLayer} parameters ({@code W} of shape
 * {@code [nIn, nOut]}, {@code b} of shape {@code [1, nOut]}, the same initialisation and keys), whose backward pass
 * reuses the forward output: for identity, ReLU, tanh and sigmoid, {@code f'(z)} is a function of {@code y}, so
 * the pre-activation is not recomputed. DL4J M2.1's {@code DenseLayer} recomputes {@code x W + b} in every
 * backward pass, one extra matrix product per layer and step; see {@link DenseImpl}.
 *
 * <p>Builder: {@code new Dense.Builder().nOut(512).activation(Activation.RELU).build()}; every
 * {@code FeedForwardLayer} option (weight init, updater, regularisation) applies. Dropout is not supported.
 * {@code inputGradient(false)} skips the product {@code delta W^T} for a layer whose input is the network's input,
 * whose gradient nothing reads (the backward pass then returns zeros for it); {@link DenseStack} sets it so.
 */
public class Dense extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    private boolean inputGradient = true;

    /** For Jackson. */
    public Dense() {
    }

    private Dense(Builder builder) {
        super(builder);
        this.inputGradient = builder.inputGradient;
        initializeConstraints(builder);
    }

    /** False when the backward pass skips the gradient with respect to the input (default true). */
    public boolean isInputGradient() {
        return inputGradient;
    }

    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof Dense && inputGradient == ((Dense) o).inputGradient;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray params, boolean initializeParams,
            DataType dataType) {
        LayerValidation.assertNInNOutSet("Dense", getLayerName(), layerIndex, getNIn(), getNOut());
        if (getIDropout() != null) {
            throw new IllegalStateException("Dense '" + getLayerName() + "': dropout is not supported, found "
                    + getIDropout());
        }
        DenseImpl layer = new DenseImpl(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(params);
        Map<String, INDArray> table = initializer().init(conf, params, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, Dense.class, inputType, outputType)
                .standardMemory(numParams, getIUpdater().stateSize(numParams))
                .workingMemory(0, 0, 0, outputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Builder of {@link Dense}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private boolean inputGradient = true;

        /** False to skip the gradient with respect to the input, for a layer on the network's input. */
        public Builder inputGradient(boolean inputGradient) {
            this.inputGradient = inputGradient;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Dense build() {
            return new Dense(this);
        }
    }
}
