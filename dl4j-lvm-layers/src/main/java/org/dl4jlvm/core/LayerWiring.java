package org.dl4jlvm.core;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every {@code Layer.instantiate} of a configuration with its own runtime class does with the new runtime. */
public final class LayerWiring {
    private LayerWiring() {
    }

    /** Gives the runtime its listeners, index, parameter view and (initialised) parameter table; returns it. */
    public static <T extends AbstractLayer<?>> T wire(T layer, NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
