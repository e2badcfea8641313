package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The flow head's direct score against its SameDiff definition; its gradient is held by the gradient checks. */
class FlowDirectScoreTest {

    @Test
    void negLogLikelihoodMatchesTheSameDiffDefinition() {
        INDArray zAndLogDet = Nd4j.rand(DataType.DOUBLE, 7, 4).subi(0.5).muli(6);
        INDArray expected = FlowLikelihoodOutputLayer.negLogLikelihood(zAndLogDet).reshape(7, 1);
        INDArray actual = new FlowLikelihoodOutputLayer().directScore().perExample(zAndLogDet, null);
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12);
    }
}
