package org.dl4jlvm.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.dl4jlvm.TestData;
import org.dl4jlvm.vae.GaussianKl;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.MonteCarloKlOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * The start of a flow posterior: the sampling layer's {@code -log q(z | x)} column against the Gaussian density of
 * commons-math at the z it drew, and the Monte Carlo KL head, whose mean over draws must reach the closed-form KL.
 */
class LogDensityColumnTest {
    private static final int Q = 3;

    private static INDArray draw(INDArray head) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("head").setInputTypes(InputType.feedForward(2 * Q))
                .addLayer("z", new GaussianSamplingLayer.Builder().logDensity(true).sampleAtInference(true).build(), "head")
                .setOutputs("z").build());
        graph.init();
        return graph.outputSingle(head);
    }

    @Test
    void theColumnIsMinusTheLogDensityOfTheDraw() {
        INDArray head = TestData.normal(20, 2 * Q, 3, DataType.DOUBLE);
        INDArray out = draw(head);
        assertEquals(Q + 1, out.size(1));
        for (int i = 0; i < 20; i++) {
            double logDensity = 0;
            for (int q = 0; q < Q; q++) {
                double sd = Math.exp(head.getDouble(i, Q + q) / 2);
                logDensity += new NormalDistribution(head.getDouble(i, q), sd).logDensity(out.getDouble(i, q));
            }
            assertEquals(-logDensity, out.getDouble(i, Q), 1e-9, "row " + i);
        }
    }

    @Test
    void theMonteCarloKlAveragesToTheClosedForm() {
        INDArray row = TestData.normal(1, 2 * Q, 4, DataType.DOUBLE);
        INDArray head = Nd4j.repeat(row, 200_000).reshape(200_000, 2 * Q);
        MonteCarloKlOutputLayer kl = new MonteCarloKlOutputLayer(new FixedSchedule(1), Q, 0);
        INDArray estimates = kl.divergence(draw(head));
        double standardError = estimates.stdNumber().doubleValue() / Math.sqrt(estimates.length());
        assertEquals(GaussianKl.of(row).getDouble(0), estimates.meanNumber().doubleValue(), 4 * standardError);
    }
}
