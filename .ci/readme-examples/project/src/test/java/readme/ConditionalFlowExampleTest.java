package readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** README, "Conditional flows": p(x | which moon), an NSF with a one-hot context. */
class ConditionalFlowExampleTest {

    /** [x | one-hot moon] rows of the two moons, seeded. */
    private static INDArray[] labelledMoons(int n, long seed) {
        INDArray rows = Density2D.MOONS.sampleWithComponents(n, seed, DataType.FLOAT);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, (long) rows.getDouble(i, 2), 1.0);
        }
        return new INDArray[] {rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup(), oneHot};
    }

    @Test
    void runsAsWrittenAndSavesLoadsAndTrainsOn() throws Exception {
        Nd4j.getRandom().setSeed(7);   // the initial weights
        INDArray[] train = labelledMoons(4000, 1);
        INDArray[] test = labelledMoons(500, 2);
        INDArray trainX = train[0];
        INDArray trainContext = train[1];
        INDArray testX = test[0];
        INDArray testContext = test[1];

        // README: conditional-flows

        assertArrayEquals(new long[] {500, 2}, upper.shape());
        // the upper moon (centre line 2 (cos t, sin t) + (-1, -0.2)) lies above the lower one: samples given it too
        double upperHeight = upper.getColumn(1).meanNumber().doubleValue();
        assertTrue(upperHeight > 0.5, "mean height of samples given the upper moon " + upperHeight);
        double nll = -logP.meanNumber().doubleValue();
        // 3 epochs gave 2.0 nats here; knowing the moon is worth up to ln 2 against the moons' entropy of 2.39
        assertTrue(nll < 2.4, "test NLL given the moon " + nll);
        assertEquals(testX.size(0), logP.length());
        // the README's iterator reshuffles at every reset; the two graphs must see the same minibatches
        SaveLoad.check("conditional flow", graph, new INDArray[] {testX, testContext},
                new ImageDataSetIterator(trainX, trainContext, 128, false, 1));
    }
}
