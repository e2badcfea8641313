package readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jlvm.flows.ActNorm;
import org.dl4jlvm.flows.AffineCoupling;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowLikelihoodOutputLayer;
import org.dl4jlvm.flows.FlowOutput;
import org.dl4jlvm.flows.Masks;
import org.dl4jlvm.training.HostAdam;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** README, "Flows in your own graph". */
class FlowsExampleTest {
    @Test
    void runsAsWrittenAndSavesLoadsAndTrainsOn() throws Exception {
        Nd4j.getRandom().setSeed(7);   // the initial weights
        INDArray trainX = Data.moons(2000, 1);
        INDArray testX = Data.moons(500, 2);
        DataSetIterator yourDataSetIterator = Data.iterator(trainX, 50);   // 40 iterations an epoch
        INDArray z = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), new long[] {300, 2}).castTo(trainX.dataType());

        // README: flows

        assertArrayEquals(new long[] {1000, 2}, samples.shape());
        // 400 iterations of two couplings on the moons (entropy 2.39 nats) gave 3.03 nats: better than the best
        // Gaussian (3.29 nats), which a flow that learned only ActNorm's standardisation would be
        double nll = -logP.meanNumber().doubleValue();
        assertTrue(nll < 3.15, "test NLL " + nll);
        double roundTrip = Transforms.abs(flow.forward(x).value().sub(z)).maxNumber().doubleValue();
        assertTrue(roundTrip < 1e-4, "forward(inverse(z)) - z: " + roundTrip);
        assertArrayEquals(new long[] {500, 2}, zAndLogDet.value().shape());
        SaveLoad.check("flow", graph, testX, yourDataSetIterator);
    }
}
