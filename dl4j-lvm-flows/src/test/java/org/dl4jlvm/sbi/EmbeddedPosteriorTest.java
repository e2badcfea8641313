package org.dl4jlvm.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.embedding.MlpEmbedding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A learned embedding, trained with the flow, on pairs given without their simulator: theta ~ N(0, I_2), and x holds
 * R = 10 noisy copies of each coordinate, x = (theta_1 + e_1, ..., theta_1 + e_R, theta_2 + e'_1, ...) with unit noise.
 * The conjugate posterior is N(S / (R + 1), 1 / (R + 1)) per coordinate, S the sum of that coordinate's copies: the
 * embedding network must find the two sums in the twenty numbers. Over 40 observations from the joint, the posterior
 * means must lie within 0.35 exact posterior deviations of the exact ones (root mean square; 0.35 is a KL of 0.06 nats
 * a coordinate) and the deviations within 10%. An embedding that did not learn (a fixed random projection to 4 numbers)
 * loses information, and a flow that ignored the context would give the prior's deviation 1 instead of 0.30.
 * Measured: held-out NLL 0.465, RMS error 0.21 deviations, deviation ratio 1.02.
 */
class EmbeddedPosteriorTest {
    private static final int R = 10;

    private static final Simulator COPIES = new NoisyCopies(R, 1);

    @Test
    void anEmbeddingLearnsTheSufficientStatisticsFromPairsAlone() {
        Simulations simulated = Simulations.draw(COPIES, 10000, 1);
        Simulations pairs = Simulations.of(simulated.parameters().toDoubleMatrix(), simulated.data().toDoubleMatrix());
        Posterior posterior = new PosteriorEstimator().kind(FlowGraphBuilder.Kind.MAF).embedding(new MlpEmbedding(4, 32))
                .learningRate(1e-3).seed(3).maxEpochs(200).train(pairs);
        // the exact posterior's expected NLL, 2 x 0.5 log(2 pi e / (R + 1)) = 0.44 nats; the held-out mean of 1,000 pairs
        // varies by about 0.03 around it
        assertEquals(Math.log(2 * Math.PI * Math.E / (R + 1)), posterior.validationNll(), 0.1, "held-out NLL");
        double deviation = Math.sqrt(1.0 / (R + 1));
        double squaredError = 0;
        double deviationRatio = 0;
        int observations = 40;
        for (int o = 0; o < observations; o++) {
            double[] theta = COPIES.prior().sample(Simulations.generator(500 + o, 0));
            double[] observed = COPIES.simulate(theta, Simulations.generator(500 + o, 1));
            INDArray samples = posterior.sample(1000, observed, 5 + o);
            assertEquals(0.0, posterior.leakage(), "pairs without a prior: nothing rejected");
            for (int k = 0; k < 2; k++) {
                double sum = 0;
                for (int i = 0; i < R; i++) {
                    sum += observed[k * R + i];
                }
                double error = (samples.getColumn(k).meanNumber().doubleValue() - sum / (R + 1)) / deviation;
                squaredError += error * error / (2 * observations);
                deviationRatio += samples.getColumn(k).stdNumber().doubleValue() / deviation / (2 * observations);
            }
        }
        assertTrue(Math.sqrt(squaredError) < 0.35, "RMS error of the posterior means, in posterior deviations: "
                + Math.sqrt(squaredError));
        assertEquals(1.0, deviationRatio, 0.1, "mean posterior deviation over the exact one");
    }
}
