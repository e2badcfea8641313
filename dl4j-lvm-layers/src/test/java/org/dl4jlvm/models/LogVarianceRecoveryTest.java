package org.dl4jlvm.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.TestData;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A log-variance that starts far outside the soft bound (30, where the bound gives 19.9) is pulled back by training:
 * under the former hard clamp its gradient was exactly zero there and it never moved.
 */
class LogVarianceRecoveryTest {
    private static final int D = 12;
    private static final int Q = 3;

    @Test
    void aLogVarianceOutsideTheBoundComesBack() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(8).decoderSizes(8)
                .updater(new Adam(0.05)).build());
        graph.init();
        INDArray bias = graph.getLayer(VaeGraphBuilder.ENCODER_HEAD).getParam("b");
        for (int q = Q; q < 2 * Q; q++) {
            bias.putScalar(q, 30.0);   // the log-variance half of [mean | logVariance]
        }
        assertEquals(30.0, graph.getLayer(VaeGraphBuilder.ENCODER_HEAD).getParam("b").getDouble(Q), 0.0);

        INDArray x = TestData.binary(64, D, 5, DataType.FLOAT);
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 16, 1)), 25);   // 100 iterations

        INDArray logVariance = new Vae(graph, 1).encodeParameters(x).get(NDArrayIndex.all(), NDArrayIndex.interval(Q, 2 * Q));
        double largest = logVariance.maxNumber().doubleValue();
        assertTrue(largest < 15, "the largest posterior log-variance after 100 iterations: " + largest);
    }
}
