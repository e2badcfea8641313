package org.dl4jlvm.models;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.training.HostAdam;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The conditional VAE ({@link VaeGraphBuilder#context(int)}): gradients through both merges, its bounds against an
 * exact conditional likelihood, save and load, training from a data set's labels, and one clear error per bad context.
 */
class ConditionalVaeTest {
    private static final int D = 4;
    private static final int Q = 2;
    private static final int C = 3;
    private static final double NOISE_VARIANCE = 0.3;

    @Test
    void gradientsReachTheEncoderAndDecoderThroughTheContext() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, 2).encoderSizes(5).decoderSizes(5).context(C)
                .activation(Activation.TANH).updater(new NoOp()).dataType(DataType.DOUBLE).seed(9).build());
        graph.init();
        INDArray x = TestData.binary(4, 6, 5, DataType.DOUBLE);
        INDArray context = TestData.normal(4, C, 6, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {x, context},
                new INDArray[] {x, Nd4j.zeros(DataType.DOUBLE, 4, 1)});
    }

    /**
     * A linear-Gaussian decoder over {@code [z | c]}, x = z W_z + c W_c + b + noise, has the exact conditional
     * likelihood log N(x; c W_c + b, W_z^T W_z + s^2 I): the conditional ELBO lies below it and the importance-weighted
     * bound closes most of the gap.
     */
    @Test
    void conditionalBoundsLieBelowTheExactConditionalLikelihood() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(8).decoderSizes().context(C)
                .activation(Activation.TANH).likelihood(GaussianLikelihood.fixedVariance(NOISE_VARIANCE))
                .dataType(DataType.DOUBLE).seed(4).build());
        graph.init();
        INDArray x = TestData.normal(40, D, 104, DataType.DOUBLE);
        INDArray context = TestData.normal(40, C, 105, DataType.DOUBLE);
        double exactNll = -exactLogLikelihood(graph, x, context);
        Vae vae = new Vae(graph, 4);
        double negElbo = vae.negElbo(x, context, 2000).meanNumber().doubleValue();
        double iwae = vae.negLogLikelihoodIwae(x, context, 2000).meanNumber().doubleValue();
        assertTrue(negElbo > exactNll, "-ELBO " + negElbo + " must exceed -log p(x | c) " + exactNll);
        assertTrue(iwae > exactNll - 0.01, "IWAE " + iwae + " below -log p(x | c) " + exactNll);
        assertTrue(iwae - exactNll < 0.2 * (negElbo - exactNll), "k = 2000 closes most of the gap: " + negElbo + ", "
                + iwae + ", exact " + exactNll);
    }

    private static double exactLogLikelihood(ComputationGraph graph, INDArray x, INDArray context) {
        double[][] w = graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("W").toDoubleMatrix();
        RealMatrix all = MatrixUtils.createRealMatrix(w);
        RealMatrix wz = all.getSubMatrix(0, Q - 1, 0, D - 1);
        RealMatrix wc = all.getSubMatrix(Q, Q + C - 1, 0, D - 1);
        RealVector b = new ArrayRealVector(graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("b").toDoubleVector());
        RealMatrix covariance = wz.transpose().multiply(wz).add(MatrixUtils.createRealIdentityMatrix(D).scalarMultiply(NOISE_VARIANCE));
        CholeskyDecomposition cholesky = new CholeskyDecomposition(covariance);
        double logDet = Math.log(cholesky.getDeterminant());
        double sum = 0;
        for (int i = 0; i < x.size(0); i++) {
            RealVector mean = wc.preMultiply(new ArrayRealVector(context.getRow(i).toDoubleVector())).add(b);
            RealVector residual = new ArrayRealVector(x.getRow(i).toDoubleVector()).subtract(mean);
            sum += -0.5 * (residual.dotProduct(cholesky.getSolver().solve(residual)) + logDet + D * Math.log(2 * Math.PI));
        }
        return sum / x.size(0);
    }

    /** Two clusters told apart by a one-hot label: the CVAE learns where each label puts its data. */
    @Test
    void trainsFromLabelsAndSavesAndLoads() throws Exception {
        int n = 512;
        INDArray x = TestData.normal(n, D, 7, DataType.FLOAT).muli(0.3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % 2, 1);
            x.getRow(i).addi(i % 2 == 0 ? -2 : 2);
        }
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(32).decoderSizes(32)
                .context(2).likelihood(GaussianLikelihood.fixedVariance(0.1)).updater(new HostAdam(1e-2)).seed(3).build());
        graph.init();
        graph.fit(new UnsupervisedIterator(graph, new ImageDataSetIterator(x, labels, 64, true, 1)), 60);
        Vae vae = new Vae(graph, 5);
        assertEquals(2, vae.contextWidth());
        for (int label = 0; label < 2; label++) {
            INDArray given = Nd4j.zeros(DataType.FLOAT, 1, 2).putScalar(0, label, 1);
            double mean = vae.sampleMeans(200, given, 3).meanNumber().doubleValue();
            assertEquals(label == 0 ? -2 : 2, mean, 0.3, "decoder means given label " + label);
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(graph.getConfiguration(), ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson()));
        Vae loaded = new Vae(restored, 5);
        INDArray z = TestData.normal(6, Q, 8, DataType.FLOAT);
        INDArray context = labels.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all());
        assertEquals(vae.decode(z, context), loaded.decode(z, context));
        assertEquals(vae.encode(x.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all()), context),
                loaded.encode(x.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all()), context));
    }

    @Test
    void gradientsWithALearnedConditionalPrior() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, 2).encoderSizes(5).decoderSizes(5).context(C)
                .conditionalPrior().activation(Activation.TANH).updater(new NoOp()).dataType(DataType.DOUBLE).seed(9).build());
        graph.init();
        graph.getLayer(VaeGraphBuilder.PRIOR).setParams(TestData.normal(1, graph.getLayer(VaeGraphBuilder.PRIOR).numParams(), 3,
                DataType.DOUBLE));
        INDArray x = TestData.binary(4, 6, 5, DataType.DOUBLE);
        INDArray context = TestData.normal(4, C, 6, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {x, context},
                new INDArray[] {x, Nd4j.zeros(DataType.DOUBLE, 4, 1)});
    }

    /**
     * With a learned prior N(m(c), diag v(c)) the linear-Gaussian decoder's exact likelihood is
     * log N(x; m(c) W_z + c W_c + b, W_z^T diag(v(c)) W_z + s^2 I): the bounds lie below it, the importance-weighted one
     * close; the prior starts as N(0, I), and prior draws have the prior's mean.
     */
    @Test
    void aLearnedPriorEntersTheBoundsAndTheDraws() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(8).decoderSizes().context(C)
                .conditionalPrior().activation(Activation.TANH).likelihood(GaussianLikelihood.fixedVariance(NOISE_VARIANCE))
                .dataType(DataType.DOUBLE).seed(4).build());
        graph.init();
        org.deeplearning4j.nn.api.Layer prior = graph.getLayer(VaeGraphBuilder.PRIOR);
        assertEquals(0.0, prior.params().amaxNumber().doubleValue(), "the prior starts as N(0, I)");
        prior.setParams(TestData.normal(1, prior.numParams(), 7, DataType.DOUBLE).muli(0.5));
        INDArray x = TestData.normal(30, D, 104, DataType.DOUBLE);
        INDArray context = TestData.normal(30, C, 105, DataType.DOUBLE);
        INDArray priorParameters = prior.activate(context, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        double exactNll = 0;
        for (int i = 0; i < x.size(0); i++) {
            exactNll -= exactLogLikelihood(graph, x.getRow(i, true), context.getRow(i, true), priorParameters.getRow(i, true)) / x.size(0);
        }
        Vae vae = new Vae(graph, 4);
        double negElbo = vae.negElbo(x, context, 2000).meanNumber().doubleValue();
        double iwae = vae.negLogLikelihoodIwae(x, context, 2000).meanNumber().doubleValue();
        String what = "-ELBO " + negElbo + ", IWAE " + iwae + ", exact " + exactNll;
        assertTrue(negElbo > exactNll, what);
        assertTrue(iwae > exactNll - 0.01, what);
        assertTrue(iwae - exactNll < 0.2 * (negElbo - exactNll), what);
        assertMessage(() -> new VaeGraphBuilder(D, Q).conditionalPrior().build(), "conditionalPrior", "context");
    }

    /** log N(x; m W_z + c W_c + b, W_z^T diag(v) W_z + s^2 I) for one row, the prior's [m | log v] given. */
    private static double exactLogLikelihood(ComputationGraph graph, INDArray x, INDArray context, INDArray priorRow) {
        double[][] w = graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("W").toDoubleMatrix();
        RealMatrix all = MatrixUtils.createRealMatrix(w);
        RealMatrix wz = all.getSubMatrix(0, Q - 1, 0, D - 1);
        RealMatrix wc = all.getSubMatrix(Q, Q + C - 1, 0, D - 1);
        RealVector b = new ArrayRealVector(graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("b").toDoubleVector());
        double[] p = priorRow.toDoubleVector();
        RealMatrix variance = MatrixUtils.createRealDiagonalMatrix(new double[] {Math.exp(p[2]), Math.exp(p[3])});
        RealMatrix covariance = wz.transpose().multiply(variance).multiply(wz)
                .add(MatrixUtils.createRealIdentityMatrix(D).scalarMultiply(NOISE_VARIANCE));
        CholeskyDecomposition cholesky = new CholeskyDecomposition(covariance);
        RealVector mean = wz.preMultiply(new ArrayRealVector(new double[] {p[0], p[1]}))
                .add(wc.preMultiply(new ArrayRealVector(context.toDoubleVector()))).add(b);
        RealVector residual = new ArrayRealVector(x.toDoubleVector()).subtract(mean);
        return -0.5 * (residual.dotProduct(cholesky.getSolver().solve(residual)) + Math.log(cholesky.getDeterminant())
                + D * Math.log(2 * Math.PI));
    }

    @Test
    void aMissingOrMalformedContextIsRefusedClearly() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(5).decoderSizes(5).context(C).build());
        graph.init();
        Vae vae = new Vae(graph, 1);
        INDArray x = TestData.normal(4, D, 1, DataType.FLOAT);
        assertMessage(() -> vae.logLikelihood(x), "context", "conditional", "width 3");
        assertMessage(() -> vae.encode(x, TestData.normal(4, 2, 2, DataType.FLOAT)), "context", "3", "2");
        assertMessage(() -> vae.sample(5, TestData.normal(3, C, 2, DataType.FLOAT), 1), "context", "one row or a row per example");
        assertMessage(() -> vae.decode(TestData.normal(4, Q, 2, DataType.FLOAT)), "context", "conditional");
        ComputationGraph plain = new ComputationGraph(new VaeGraphBuilder(D, Q).build());
        plain.init();
        assertMessage(() -> new Vae(plain, 1).encode(x, TestData.normal(4, C, 2, DataType.FLOAT)), "context", "no context input");
        assertMessage(() -> new VaeGraphBuilder(D, Q).context(0), "contextWidth");
    }
}
