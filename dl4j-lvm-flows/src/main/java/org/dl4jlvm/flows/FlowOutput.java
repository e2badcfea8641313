package org.dl4jlvm.flows;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The image of a batch under a bijector, {@code [batch, D]}, and the log-determinant per example, {@code [batch, 1]}. */
public final class FlowOutput {
    private final INDArray value;
    private final INDArray logDet;

    public FlowOutput(INDArray value, INDArray logDet) {
        this.value = value;
        this.logDet = logDet;
    }

    /** The mapped batch, {@code [batch, D]}. */
    public INDArray value() {
        return value;
    }

    /** {@code log|det J|} per example, {@code [batch, 1]}. */
    public INDArray logDet() {
        return logDet;
    }
}
