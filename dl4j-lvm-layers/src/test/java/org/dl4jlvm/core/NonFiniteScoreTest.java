package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.config.Sgd;

/** The output heads refuse a non-finite score from finite inputs themselves, with no listener attached. */
class NonFiniteScoreTest {
    private static final int D = 12;

    @Test
    void aScoreThatOverflowsStopsTrainingBeforeTheUpdateWithTheHeadNamed() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, 2)
                .likelihood(GaussianLikelihood.fixedVariance(1.0)).build());
        graph.init();
        // finite float data whose squared residuals (about 1e50) overflow float
        INDArray x = TestData.normal(32, D, 1, DataType.FLOAT).muli(1e25f);
        INDArray before = graph.params().dup();
        NonFiniteScoreException stop = assertThrows(NonFiniteScoreException.class,
                () -> graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 16, 2))));
        String message = stop.getMessage();
        assertTrue(message.matches("(reconstruction|kl): the score is (Infinity|NaN) from finite data at iteration 0 .*"),
                message);
        assertTrue(message.contains("the parameters are those before this step"), message);
        assertEquals(before, graph.params(), "no update was applied");
        assertEquals(0, graph.getIterationCount());
    }

    @Test
    void aDivergingRunStopsWithoutAListenerAndKeepsFiniteParameters() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, 2).updater(new Sgd(1e8)).build());
        graph.init();
        INDArray x = TestData.binary(64, D, 5, DataType.FLOAT);
        NonFiniteScoreException stop = assertThrows(NonFiniteScoreException.class,
                () -> graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 16, 2)), 50));
        assertTrue(stop.getMessage().contains(": the score is "), stop.getMessage());
        assertFalse(BooleanIndexing.or(graph.params(), Conditions.isNan()));
        assertFalse(BooleanIndexing.or(graph.params(), Conditions.isInfinite()));
    }
}
