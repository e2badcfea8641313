package org.dl4jlvm.flows;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * VAEs with a flow posterior ({@link FlowPosterior}): gradient checks of the whole ELBO, log-dets included; the
 * bounds against an exact likelihood; save and load; the objective's parts; one clear error per bad configuration.
 */
class FlowPosteriorVaeTest {
    private static final int D = 4;
    private static final int Q = 2;
    private static final double NOISE_VARIANCE = 0.3;

    private static ComputationGraph graph(FlowPosterior posterior, int context, DataType type) {
        VaeGraphBuilder builder = new VaeGraphBuilder(6, Q).encoderSizes(5).decoderSizes(5).posterior(posterior)
                .activation(Activation.TANH).updater(new NoOp()).dataType(type).seed(9);
        return FlowGraphs.randomized((context > 0 ? builder.context(context) : builder).build());
    }

    @Test
    void gradientsOfTheElboWithInverseAutoregressiveSteps() {
        INDArray x = TestData.binary(4, 6, 5, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph(FlowPosterior.iaf(2).hidden(6).contextWidth(3), 0, DataType.DOUBLE),
                new INDArray[] {x}, new INDArray[] {x, Nd4j.zeros(DataType.DOUBLE, 4, 1)});
    }

    @Test
    void gradientsOfTheElboWithPlanarStepsAndAContext() {
        INDArray x = TestData.binary(4, 6, 6, DataType.DOUBLE);
        INDArray context = TestData.normal(4, 3, 7, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph(FlowPosterior.planar(3), 3, DataType.DOUBLE),
                new INDArray[] {x, context}, new INDArray[] {x, Nd4j.zeros(DataType.DOUBLE, 4, 1)});
    }

    /**
     * A linear-Gaussian decoder, x = z W + b + noise, has the exact likelihood log N(x; b, W^T W + s^2 I): with either
     * flow, the ELBO lies below it and the importance-weighted bound closes most of the gap, so the flow's log-dets
     * enter log q with the right sign and size.
     */
    @Test
    void boundsLieBelowTheExactLikelihood() {
        for (FlowPosterior posterior : new FlowPosterior[] {FlowPosterior.iaf(2).hidden(8).contextWidth(4), FlowPosterior.planar(2)}) {
            ComputationGraph graph = FlowGraphs.randomized(new VaeGraphBuilder(D, Q).encoderSizes(8).decoderSizes()
                    .posterior(posterior).activation(Activation.TANH).likelihood(GaussianLikelihood.fixedVariance(NOISE_VARIANCE))
                    .dataType(DataType.DOUBLE).seed(4).build());
            INDArray x = TestData.normal(40, D, 104, DataType.DOUBLE);
            double exactNll = -exactLogLikelihood(graph, x);
            Vae vae = new Vae(graph, 4);
            double negElbo = vae.negElbo(x, 2000).meanNumber().doubleValue();
            double iwae = vae.negLogLikelihoodIwae(x, 2000).meanNumber().doubleValue();
            String what = posterior.steps() + " steps: -ELBO " + negElbo + ", IWAE " + iwae + ", exact " + exactNll;
            assertTrue(negElbo > exactNll, what);
            assertTrue(iwae > exactNll - 0.01, what);
            assertTrue(iwae - exactNll < 0.2 * (negElbo - exactNll), what);
        }
    }

    private static double exactLogLikelihood(ComputationGraph graph, INDArray x) {
        RealMatrix w = MatrixUtils.createRealMatrix(graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("W").toDoubleMatrix());
        RealVector b = new ArrayRealVector(graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("b").toDoubleVector());
        RealMatrix covariance = w.transpose().multiply(w).add(MatrixUtils.createRealIdentityMatrix(D).scalarMultiply(NOISE_VARIANCE));
        CholeskyDecomposition cholesky = new CholeskyDecomposition(covariance);
        double sum = 0;
        for (int i = 0; i < x.size(0); i++) {
            RealVector residual = new ArrayRealVector(x.getRow(i).toDoubleVector()).subtract(b);
            sum += -0.5 * (residual.dotProduct(cholesky.getSolver().solve(residual)) + Math.log(cholesky.getDeterminant())
                    + D * Math.log(2 * Math.PI));
        }
        return sum / x.size(0);
    }

    @Test
    void savesAndLoadsAndScoresTheSame() throws Exception {
        ComputationGraph graph = graph(FlowPosterior.iaf(2).hidden(6), 2, DataType.FLOAT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(graph.getConfiguration(), ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson()));
        INDArray x = TestData.binary(5, 6, 8, DataType.FLOAT);
        INDArray context = TestData.normal(5, 2, 9, DataType.FLOAT);
        assertEquals(new Vae(graph, 3).encode(x, context), new Vae(restored, 3).encode(x, context));
        assertEquals(new Vae(graph, 3).negElbo(x, context, 4), new Vae(restored, 3).negElbo(x, context, 4));
    }

    /** Training runs through graph.fit, and the parts' KL is the head's Monte Carlo estimate: reconstruction + KL = score. */
    @Test
    void trainsAndReportsItsParts() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, Q).encoderSizes(16).decoderSizes(16)
                .posterior(FlowPosterior.iaf(2).hidden(16)).likelihood(new BernoulliLikelihood()).seed(2).build());
        graph.init();
        INDArray x = TestData.binary(256, 6, 10, DataType.FLOAT);
        Vae vae = new Vae(graph, 1);
        double before = vae.negElbo(x, 20).meanNumber().doubleValue();
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 64, 3)), 20);
        double after = vae.negElbo(x, 20).meanNumber().doubleValue();
        assertTrue(after < before - 0.2, "-ELBO " + before + " -> " + after);

        Nd4j.getRandom().setSeed(5);
        java.util.Map<String, INDArray> activations = graph.feedForward(new INDArray[] {x}, true, false);
        double[] parts = new VaeObjectiveParts(graph).of(graph, activations);
        Nd4j.getRandom().setSeed(5);
        double score = graph.score(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x},
                new INDArray[] {x, Nd4j.zeros(DataType.FLOAT, 256, 1)}), true);
        assertEquals(score, parts[0] + parts[1] * parts[2], 1e-3 * Math.abs(score));
    }

    @Test
    void badConfigurationsAreRefusedClearly() {
        assertMessage(() -> FlowPosterior.planar(2).contextWidth(4), "contextWidth", "read no context", "4");
        assertMessage(() -> FlowPosterior.iaf(0), "steps");
        assertMessage(() -> FlowPosterior.iaf(2).contextWidth(-1), "contextWidth");
        ComputationGraph graph = graph(FlowPosterior.planar(2), 0, DataType.FLOAT);
        assertMessage(() -> new Vae(graph, 1).negElbo(TestData.binary(3, 5, 1, DataType.FLOAT), 1), "x", "width 6", "width 5");
    }
}
