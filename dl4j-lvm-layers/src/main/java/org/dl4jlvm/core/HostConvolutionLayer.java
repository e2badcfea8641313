package org.dl4jlvm.core;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer}, configured and saved as one, whose runtime computes NCHW float and double
 * convolutions through {@link HostConvolution} (Java patches and one OpenBLAS product) and anything else through
 * DL4J's own code: {@code new HostConvolutionLayer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(32))}.
 */
public class HostConvolutionLayer extends ConvolutionLayer {

    /** For Jackson. */
    public HostConvolutionLayer() {
    }

    /** The layer the builder describes, with the fast runtime. */
    public HostConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int index, INDArray params, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new HostConvolutionLayerImpl(conf, dataType), conf, listeners, index, params, initializeParams);
    }
}
