package org.dl4jlvm.flows;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CPU training runtime of a step's map of its own D coordinates (an optional capability,
 * {@link SameDiffFlowStep#host}), on row-major heap arrays: the forward direction with each example's log-det, then
 * its backward pass written out. {@link HostStepLayerImpl} does the rest (the carried columns and the log-det column).
 * Same parameters as the step's SameDiff definition, which the tests hold it to.
 */
public interface HostBijection {

    /** y ({@code [n, D]}, row-major) of x; adds each example's {@code log|det dy/dx|} into {@code logDet[n]}. */
    double[] forward(double[] x, int n, Map<String, INDArray> params, double[] logDet);

    /**
     * {@code dL/dx} of the last forward pass from {@code dL/dy} and {@code dL/dlogDet} (per example); writes the
     * parameter gradients into {@code gradients}' arrays.
     */
    double[] backward(double[] dy, double[] dLogDet, int n, Map<String, INDArray> gradients);
}
