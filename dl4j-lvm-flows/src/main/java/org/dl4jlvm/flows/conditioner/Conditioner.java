package org.dl4jlvm.flows.conditioner;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network of a conditioned flow step: from the step's input x ({@code [batch, D]}) and the context, the
 * parameters {@code h} ({@code [batch, P D]}, block k holding parameter k of every coordinate) of its elementwise
 * transform. It reads only what the step allows, so that the Jacobian stays triangular, and its last layer starts at
 * zero, so that a new step is the identity.
 */
public interface Conditioner {

    /** Declares the network's parameter arrays. */
    void defineParameters(SDLayerParams params);

    /** Hidden layers by {@code weightInit}, the output layer and every bias at zero. */
    void initialize(Map<String, INDArray> params, WeightInit weightInit);

    /** {@code h}, {@code [batch, P D]}, for x {@code [batch, D]} and the context {@code [batch, C]} (null when C = 0). */
    SDVariable define(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params, Activation activation);

    /**
     * A CPU training runtime of this network with {@code activation} between its layers, or null when it has none
     * (then the step trains through its SameDiff definition).
     */
    default HostConditioner host(IActivation activation) {
        return null;
    }
}
