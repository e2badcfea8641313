package readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.training.HostAdam;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** README, "VAEs in your own graph". */
class VaeExampleTest {
    @Test
    void runsAsWrittenAndSavesLoadsAndTrainsOn() throws Exception {
        INDArray trainX = Data.images(1024, 1);
        INDArray testX = Data.images(200, 2);
        DataSetIterator yourDataSetIterator = Data.iterator(trainX, 64);

        // README: vae

        assertArrayEquals(new long[] {200}, negElbo.shape());
        assertArrayEquals(new long[] {64, 784}, samples.shape());
        double elbo = negElbo.meanNumber().doubleValue();
        double bound = iwae.meanNumber().doubleValue();
        // k = 100 importance samples give a tighter (smaller) bound on -log p(x) than one sample
        assertTrue(Double.isFinite(elbo) && bound < elbo, "negative ELBO " + elbo + ", IWAE bound " + bound);
        SaveLoad.check("vae", graph, testX, yourDataSetIterator);
    }
}
