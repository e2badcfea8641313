package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.TestData;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A RealNVP trained briefly on the moons: its density integrates to one, and the graph's score is its NLL. */
class FlowTrainingTest {
    private static ComputationGraph graph;
    private static Flow flow;
    private static INDArray test;

    @BeforeAll
    static void train() {
        graph = new ComputationGraph(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, 2).steps(6).hidden(32, 32).seed(7).build());
        graph.init();
        INDArray train = Density2D.MOONS.sample(400 * 128, 1, DataType.FLOAT);
        test = Density2D.MOONS.sample(2000, 2, DataType.FLOAT);
        UnsupervisedIterator data = new UnsupervisedIterator(graph, TestData.iterator(train, 128, 3));
        graph.fit(data);
        flow = new Flow(graph);
    }

    @Test
    void trainingLowersTheNegativeLogLikelihoodTowardsTheEntropy() {
        double nll = -flow.logLikelihood(test).meanNumber().doubleValue();
        assertTrue(nll < 3.0, "test NLL after 400 iterations: " + nll + " (entropy " + Density2D.MOONS.entropy() + ")");
        assertTrue(nll > Density2D.MOONS.entropy() - 0.1, "test NLL below the entropy: " + nll);
    }

    @Test
    void densityIntegratesToOneOverAGridCoveringTheData() {
        int cells = 400;
        double low = -8;
        double high = 8;
        double width = (high - low) / cells;
        INDArray grid = Nd4j.create(DataType.FLOAT, (long) cells * cells, 2);
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                grid.putScalar(i * cells + j, 0, low + (i + 0.5) * width);
                grid.putScalar(i * cells + j, 1, low + (j + 0.5) * width);
            }
        }
        INDArray density = org.nd4j.linalg.ops.transforms.Transforms.exp(flow.logLikelihood(grid).castTo(DataType.DOUBLE), false);
        double mass = density.sumNumber().doubleValue() * width * width;
        assertEquals(1.0, mass, 0.01, "integral of the learned density over [-8, 8]^2");
    }

    @Test
    void graphScoreIsTheMeanNegativeLogLikelihood() {
        INDArray batch = test.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 256), org.nd4j.linalg.indexing.NDArrayIndex.all());
        MultiDataSet data = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {batch},
                new INDArray[] {Nd4j.zeros(DataType.FLOAT, 256, 1)});
        double score = graph.score(data, false);
        assertEquals(-flow.logLikelihood(batch).meanNumber().doubleValue(), score, 1e-4);
        assertEquals(score / Math.log(2) / 2, flow.bitsPerDim(batch), 1e-4);
    }
}
