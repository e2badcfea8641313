package org.dl4jlvm.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * For a decoder that is linear-Gaussian, x = z W + b + noise with noise ~ N(0, s^2 I) and z ~ N(0, I), the
 * marginal is exact: log p(x) = log N(x; b, W^T W + s^2 I), computed here with a Cholesky factorisation.
 * The ELBO must lie below it for any encoder, and the importance-weighted bound must rise towards it with k.
 */
class VaeBoundTest {
    private static final int D = 4;
    private static final int Q = 2;
    private static final double NOISE_VARIANCE = 0.3;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void elboBelowAndIwaeRisingTowardsTheExactLogLikelihood(long seed) {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, Q).encoderSizes(8).decoderSizes()
                .activation(Activation.TANH).likelihood(GaussianLikelihood.fixedVariance(NOISE_VARIANCE))
                .dataType(DataType.DOUBLE).seed(seed).build());
        graph.init();
        INDArray x = TestData.normal(40, D, 100 + seed, DataType.DOUBLE);
        double exactNll = -exactLogLikelihood(graph, x);

        Vae vae = new Vae(graph, seed);
        double negElbo = vae.negElbo(x, 2000).meanNumber().doubleValue();
        assertTrue(negElbo > exactNll, "-ELBO " + negElbo + " must exceed -log p(x) " + exactNll);

        double[] bounds = new double[4];
        int[] ks = {1, 10, 100, 2000};
        for (int i = 0; i < ks.length; i++) {
            bounds[i] = repeatedIwae(vae, x, ks[i], ks[i] == 2000 ? 3 : 40);
            assertTrue(bounds[i] > exactNll - 0.01, "IWAE k=" + ks[i] + " gives " + bounds[i] + " below -log p(x) " + exactNll);
        }
        for (int i = 1; i < ks.length; i++) {
            assertTrue(bounds[i] < bounds[i - 1], "the bound must tighten with k: " + java.util.Arrays.toString(bounds));
        }
        double firstGap = bounds[0] - exactNll;
        double lastGap = bounds[3] - exactNll;
        assertTrue(lastGap < 0.2 * firstGap, "k=2000 must close most of the gap: " + firstGap + " -> " + lastGap);
    }

    private static double repeatedIwae(Vae vae, INDArray x, int k, int repeats) {
        double sum = 0;
        for (int r = 0; r < repeats; r++) {
            sum += vae.negLogLikelihoodIwae(x, k).meanNumber().doubleValue();
        }
        return sum / repeats;
    }

    /** Mean over rows of log N(x; b, W^T W + s^2 I), from the decoder layer's W [Q, D] and b [1, D]. */
    private static double exactLogLikelihood(ComputationGraph graph, INDArray x) {
        RealMatrix w = MatrixUtils.createRealMatrix(graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("W").toDoubleMatrix());
        double[] b = graph.getLayer(VaeGraphBuilder.DECODER_OUT).getParam("b").toDoubleVector();
        RealMatrix covariance = w.transpose().multiply(w).add(MatrixUtils.createRealIdentityMatrix(D).scalarMultiply(NOISE_VARIANCE));
        CholeskyDecomposition cholesky = new CholeskyDecomposition(covariance);
        double logDet = Math.log(cholesky.getDeterminant());
        double sum = 0;
        for (int i = 0; i < x.size(0); i++) {
            RealVector residual = new ArrayRealVector(x.getRow(i).toDoubleVector()).subtract(new ArrayRealVector(b));
            double mahalanobis = residual.dotProduct(cholesky.getSolver().solve(residual));
            sum += -0.5 * (mahalanobis + logDet + D * Math.log(2 * Math.PI));
        }
        return sum / x.size(0);
    }

}
