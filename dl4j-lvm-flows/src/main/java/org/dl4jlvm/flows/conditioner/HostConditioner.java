package org.dl4jlvm.flows.conditioner;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CPU training runtime of a {@link Conditioner} (an optional capability: {@link Conditioner#host}): its forward
 * pass on nd4j-native float or double arrays, keeping what the backward pass needs, and that backward pass written
 * out. Same parameters as the conditioner's SameDiff definition, which the flow tests compare it with.
 */
public interface HostConditioner {

    /** {@code h}, {@code [batch, P D]}, for the network input {@code [x | context]} and the layer's parameter arrays. */
    INDArray forward(INDArray input, Map<String, INDArray> parameters);

    /**
     * Writes the parameter gradients into {@code gradients}' arrays for {@code dL/dh} after a {@link #forward};
     * returns {@code dL/dinput}.
     */
    INDArray backward(INDArray dOutput, Map<String, INDArray> gradients);

    /** Forgets what the last forward pass kept. */
    void clear();
}
