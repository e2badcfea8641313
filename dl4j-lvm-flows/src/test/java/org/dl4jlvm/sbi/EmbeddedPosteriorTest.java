package org.dl4jlvm.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.random.RandomGenerator;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.embedding.MlpEmbedding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A learned embedding, trained with the flow, on pairs given without their simulator: theta ~ N(0, I_2), and x holds
 * R = 10 noisy copies of each coordinate, x = (theta_1 + e_1, ..., theta_1 + e_R, theta_2 + e'_1, ...) with unit noise.
 * The conjugate posterior is N(S / (R + 1), 1 / (R + 1)) per coordinate, S the sum of that coordinate's copies: the
 * embedding network must find the two sums in the twenty numbers. An embedding that did not learn (a fixed random
 * projection to 4 numbers) loses information, and a flow that ignored the context would give the prior's deviation 1
 * instead of 0.30. Measured: held-out NLL 0.436; for the first observation, posterior means 0.27 and 0.09 deviations off.
 */
class EmbeddedPosteriorTest {
    private static final int R = 10;

    private static final Simulator COPIES = new Simulator() {
        private final Prior prior = new GaussianPrior(new double[] {0, 0}, new double[] {1, 1});

        @Override
        public Prior prior() {
            return prior;
        }

        @Override
        public String[] parameterNames() {
            return new String[] {"a", "b"};
        }

        @Override
        public int dataDimension() {
            return 2 * R;
        }

        @Override
        public double[] simulate(double[] theta, RandomGenerator random) {
            double[] x = new double[2 * R];
            for (int i = 0; i < x.length; i++) {
                x[i] = theta[i / R] + random.nextGaussian();
            }
            return x;
        }
    };

    @Test
    void anEmbeddingLearnsTheSufficientStatisticsFromPairsAlone() {
        Simulations pairs = Simulations.draw(COPIES, 10000, 1);
        Posterior posterior = new PosteriorEstimator().kind(FlowGraphBuilder.Kind.MAF).embedding(new MlpEmbedding(4, 32))
                .learningRate(1e-3).seed(3).maxEpochs(200).train(Simulations.of(pairs.parameters().toDoubleMatrix(), pairs.data().toDoubleMatrix()));
        double deviation = Math.sqrt(1.0 / (R + 1));
        // the exact posterior's expected NLL, 2 x 0.5 log(2 pi e / (R + 1)) = 0.44 nats; the held-out mean of 1,000 pairs
        // varies by about 0.03 around it
        assertEquals(Math.log(2 * Math.PI * Math.E / (R + 1)), posterior.validationNll(), 0.1, "held-out NLL");

        for (double[] theta : new double[][] {{0.4, -0.7}, {-1.2, 0.2}}) {
            double[] observed = COPIES.simulate(theta, Simulations.generator(11, 0));
            INDArray samples = posterior.sample(4000, observed, 5);
            assertEquals(0.0, posterior.leakage(), "pairs without a prior: nothing rejected");
            for (int k = 0; k < 2; k++) {
                double sum = 0;
                for (int i = 0; i < R; i++) {
                    sum += observed[k * R + i];
                }
                assertEquals(sum / (R + 1), samples.getColumn(k).meanNumber().doubleValue(), 0.5 * deviation,
                        "posterior mean of coordinate " + k);
                assertEquals(deviation, samples.getColumn(k).stdNumber().doubleValue(), 0.15 * deviation,
                        "posterior deviation of coordinate " + k);
            }
        }
    }
}
