package org.dl4jlvm.models;

import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The diagonal Gaussian posterior q(z | x) = N(mean, diag exp(logVariance)): a {@link GaussianSamplingLayer} on the
 * encoder head, and a {@link KlRegularizerOutputLayer} with the closed-form KL on the head.
 */
public final class GaussianPosterior implements Posterior {

    @Override
    public void add(ComputationGraphConfiguration.GraphBuilder graph, String encoderHead, String features, int latentWidth,
            String latent, String kl, ISchedule beta) {
        graph.addLayer(latent, new GaussianSamplingLayer.Builder().build(), encoderHead);
        graph.addLayer(kl, new KlRegularizerOutputLayer.Builder().betaSchedule(beta).build(), encoderHead);
    }
}
