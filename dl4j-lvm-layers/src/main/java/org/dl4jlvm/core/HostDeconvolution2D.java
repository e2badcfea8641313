package org.dl4jlvm.core;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link Deconvolution2D} (a transposed convolution), configured and saved as one, whose runtime computes
 * NCHW float and double arrays through {@link HostConvolution} and anything else through DL4J's own code.
 */
public class HostDeconvolution2D extends Deconvolution2D {

    /** For Jackson. */
    public HostDeconvolution2D() {
    }

    /** The layer the builder describes, with the fast runtime. */
    public HostDeconvolution2D(Deconvolution2D.Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int index, INDArray params, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new HostDeconvolution2DLayerImpl(conf, dataType), conf, listeners, index, params, initializeParams);
    }
}
