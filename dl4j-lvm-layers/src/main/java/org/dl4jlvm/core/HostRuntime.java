package org.dl4jlvm.core;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's CPU training runtime on a batch, one row per example: the forward pass, keeping what its backward pass
 * needs, and that backward pass written out, for the parameter arrays of the layer's definition (whose tests hold the
 * runtime to it). A runtime sees only its own rows, so two copies can run on the two halves of a batch at once
 * ({@link BatchHalves}).
 */
public interface HostRuntime {

    /** The output for {@code input} ({@code [batch, in]}) and the layer's parameter arrays. */
    INDArray forward(INDArray input, Map<String, INDArray> parameters);

    /**
     * Writes the parameter gradients into {@code gradients}' arrays for {@code dL/doutput} after a {@link #forward};
     * returns {@code dL/dinput}.
     */
    INDArray backward(INDArray dOutput, Map<String, INDArray> gradients);

    /** Forgets what the last forward pass kept. */
    void clear();
}
