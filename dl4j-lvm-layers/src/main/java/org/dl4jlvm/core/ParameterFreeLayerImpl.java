package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of this library's hand-written runtimes for layers without parameters (a sampling layer, a
 * dequantisation step): the parts of DL4J's layer contract that such a layer answers the same way.
 */
public abstract class ParameterFreeLayerImpl<T extends org.deeplearning4j.nn.conf.layers.Layer> extends AbstractLayer<T> {

    protected ParameterFreeLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray params() {
        return null;
    }
}
