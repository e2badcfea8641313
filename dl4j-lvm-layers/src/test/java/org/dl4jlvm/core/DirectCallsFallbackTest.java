package org.dl4jlvm.core;

import static org.dl4jlvm.DirectCalls.gradientAndScore;
import static org.dl4jlvm.DirectCalls.relativeDifference;
import static org.dl4jlvm.DirectCalls.trained;
import static org.dl4jlvm.DirectCalls.withoutDirectCalls;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The paths another backend or data type takes (ND4J's ops for products, column sums and bias rows, ND4J's Adam)
 * run end to end on the CPU with the direct paths switched off, and agree with the direct paths: gradients in double,
 * a gradient check, and a short training run in float.
 */
class DirectCallsFallbackTest {
    private static final int D = 12;

    /** A VAE with HostAdam (the builder's default), or with no updater for the gradient check. */
    private static ComputationGraph vae(DataType type, IUpdater updater) {
        VaeGraphBuilder builder = new VaeGraphBuilder(D, 3).encoderSizes(10, 8).decoderSizes(8, 10)
                .likelihood(GaussianLikelihood.learnedVariance()).activation(Activation.TANH).dataType(type).seed(4);
        ComputationGraph graph = new ComputationGraph((updater == null ? builder : builder.updater(updater)).build());
        graph.init();
        return graph;
    }

    /**
     * n binary examples; the gradient checks use 4, where the score's finite differences stay well above its rounding
     * (with 16, one weight's gradient of 7e-5 missed the check's 1e-5 relative error by rounding in both paths alike).
     */
    private static MultiDataSet batch(DataType type, int n) {
        INDArray x = TestData.binary(n, D, 3, type);
        return new MultiDataSet(new INDArray[] {x}, new INDArray[] {x, Nd4j.zeros(type, n, 1)});
    }

    @Test
    void gradientsAgreeAndPassTheGradientCheckWithoutTheDirectPaths() {
        INDArray direct = gradientAndScore(vae(DataType.DOUBLE, new NoOp()), batch(DataType.DOUBLE, 4));
        INDArray fallback = withoutDirectCalls(() -> gradientAndScore(vae(DataType.DOUBLE, new NoOp()), batch(DataType.DOUBLE, 4)));
        assertTrue(relativeDifference(direct, fallback) < 1e-12, "gradient and score: " + relativeDifference(direct, fallback));
        MultiDataSet batch = batch(DataType.DOUBLE, 4);
        assertTrue(withoutDirectCalls(() -> GradientChecks.check(vae(DataType.DOUBLE, new NoOp()), batch.getFeatures(),
                batch.getLabels(), true)), "gradient check without the direct paths");
    }

    @Test
    void aShortFloatTrainingRunEndsAtTheSameParameters() {
        MultiDataSet batch = batch(DataType.FLOAT, 16);
        INDArray start = vae(DataType.FLOAT, new Sgd(0.05)).params();
        INDArray direct = trained(vae(DataType.FLOAT, new Sgd(0.05)), batch, 30);
        INDArray fallback = withoutDirectCalls(() -> trained(vae(DataType.FLOAT, new Sgd(0.05)), batch, 30));
        assertTrue(relativeDifference(direct, start) > 1e-3, "training moved the parameters");
        // float rounding in a different order of summation (column sums) over 30 SGD steps: 1.2e-7 measured (Adam's
        // m / sqrt(v) turns the rounding of near-zero gradients into whole steps)
        assertTrue(relativeDifference(direct, fallback) < 1e-5, "parameters: " + relativeDifference(direct, fallback));
        // and HostAdam's fallback, ND4J's Adam, trains (HostAdamTest holds its updates to the Java loop's)
        ComputationGraph adam = vae(DataType.FLOAT, null);
        double before = withoutDirectCalls(() -> scoreOf(adam, batch));
        withoutDirectCalls(() -> trained(adam, batch, 30));
        double after = withoutDirectCalls(() -> scoreOf(adam, batch));
        assertTrue(after < before, "negative ELBO " + before + " -> " + after);
    }

    private static double scoreOf(ComputationGraph graph, MultiDataSet batch) {
        Nd4j.getRandom().setSeed(5);
        return graph.score(batch);
    }
}
