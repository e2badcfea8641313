package org.dl4jlvm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dl4jlvm.TestData;
import org.dl4jlvm.api.LatentVariableModel.LikelihoodKind;
import org.dl4jlvm.autoencoder.Autoencoder;
import org.dl4jlvm.autoencoder.AutoencoderGraphBuilder;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.linear.Pca;
import org.dl4jlvm.linear.ProbabilisticPca;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every model answers the common questions with the documented shapes, kinds and reproducibility. */
class LatentVariableModelTest {
    private static final int D = 6;
    private static final int Q = 2;
    private static final INDArray X = TestData.normal(50, D, 3, DataType.DOUBLE);

    private static List<LatentVariableModel> models() {
        ComputationGraph vaeGraph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(8).decoderSizes(8)
                .likelihood(GaussianLikelihood.fixedVariance(0.5)).dataType(DataType.DOUBLE).seed(1).build());
        vaeGraph.init();
        ComputationGraph aeGraph = new ComputationGraph(new AutoencoderGraphBuilder(D, Q).encoderSizes(8).decoderSizes(8)
                .dataType(DataType.DOUBLE).seed(1).build());
        aeGraph.init();
        return List.of(Pca.fit(X, Q), ProbabilisticPca.fit(X, Q), new Autoencoder(aeGraph), new Vae(vaeGraph, 5));
    }

    @Test
    void everyModelAnswersWithTheDocumentedShapes() {
        for (LatentVariableModel model : models()) {
            String name = model.getClass().getSimpleName();
            assertEquals(D, model.dataWidth(), name);
            assertEquals(Q, model.latentWidth(), name);
            assertArrayEquals(new long[] {50, Q}, model.encode(X).shape(), name);
            assertArrayEquals(new long[] {50, D}, model.decode(model.encode(X)).shape(), name);
            assertArrayEquals(new long[] {50, D}, model.reconstruct(X).shape(), name);
            if (model.canSample()) {
                INDArray first = model.sample(20, 9);
                assertArrayEquals(new long[] {20, D}, first.shape(), name);
                assertEquals(first, model.sample(20, 9), name + ": the same seed must give the same samples");
                assertNotEquals(first, model.sample(20, 10), name + ": another seed must give other samples");
            }
            if (model.likelihoodKind() != LikelihoodKind.NONE) {
                INDArray logLikelihood = model.logLikelihood(X);
                assertArrayEquals(new long[] {50}, logLikelihood.shape(), name);
            }
            if (model.likelihoodKind() == LikelihoodKind.EXACT) {
                double mean = model.logLikelihood(X).meanNumber().doubleValue();
                assertEquals(-mean / (D * Math.log(2)), model.bitsPerDim(X), 1e-9 * Math.abs(mean), name);
            }
        }
    }

    @Test
    void kindsAreExactForPpcaALowerBoundForVaesAndNoneOtherwise() {
        List<LatentVariableModel> models = models();
        assertEquals(LikelihoodKind.NONE, models.get(0).likelihoodKind());
        assertEquals(LikelihoodKind.EXACT, models.get(1).likelihoodKind());
        assertEquals(LikelihoodKind.NONE, models.get(2).likelihoodKind());
        assertEquals(LikelihoodKind.LOWER_BOUND, models.get(3).likelihoodKind());
    }

    @Test
    void anAutoencoderRefusesToSampleOrScoreWithAClearMessage() {
        LatentVariableModel autoencoder = models().get(2);
        assertFalse(autoencoder.canSample());
        String sample = assertThrows(UnsupportedOperationException.class, () -> autoencoder.sample(3, 1)).getMessage();
        assertTrue(sample.contains("prior"), sample);
        String score = assertThrows(UnsupportedOperationException.class, () -> autoencoder.logLikelihood(X)).getMessage();
        assertTrue(score.contains("Autoencoder has no likelihood"), score);
    }

    @Test
    void theImportanceWeightedBoundOfAVaeLiesAboveItsElbo() {
        Vae vae = (Vae) models().get(3);
        double elbo = 0;
        double iwae = 0;
        for (int repeat = 0; repeat < 20; repeat++) {
            elbo += vae.importanceSamples(1).logLikelihood(X).meanNumber().doubleValue() / 20;
            iwae += vae.importanceSamples(50).logLikelihood(X).meanNumber().doubleValue() / 20;
        }
        assertTrue(iwae > elbo, "IWAE k=50 " + iwae + " must exceed the ELBO " + elbo);
        assertEquals(-vae.negElbo(X, 4000).meanNumber().doubleValue(), elbo, 0.05 * Math.abs(elbo),
                "k = 1 must be the ELBO");
    }

    @Test
    void pcaSamplesLieInThePrincipalSubspaceWithItsVariances() {
        Pca pca = Pca.fit(X, Q);
        INDArray samples = pca.sample(20_000, 4);
        assertTrue(samples.equalsWithEps(pca.reconstruct(samples), 1e-9), "samples must lie in the principal subspace");
        INDArray variances = pca.encode(samples).var(0);
        INDArray expected = pca.explainedVariance();
        for (int q = 0; q < Q; q++) {
            double standardError = expected.getDouble(q) * Math.sqrt(2.0 / 20_000);
            assertEquals(expected.getDouble(q), variances.getDouble(q), 5 * standardError, "variance of component " + q);
        }
    }

    @Test
    void aUniformDensityOnTheUnitCubeGivesEightBitsPerDimensionOfBytes() {
        assertEquals(8.0, BitsPerDim.discrete(0.0, 784, 256), 1e-12);
        assertEquals(1.0, BitsPerDim.of(-10 * Math.log(2), 10), 1e-12);
    }
}
