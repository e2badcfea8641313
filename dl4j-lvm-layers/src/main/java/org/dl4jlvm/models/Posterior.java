package org.dl4jlvm.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The approximate posterior q(z | x) of a VAE, as layers after the encoder: {@link GaussianPosterior} (the default, a
 * diagonal Gaussian with its closed-form KL) or a flow posterior (a Gaussian followed by flow steps, in the flows
 * module), which {@link Vae} reads back from the graph.
 */
public interface Posterior {

    /**
     * Adds the layers from the encoder head {@code [mean | logVariance]} (width 2Q) and the encoder's features (the
     * head's input, which an amortised flow reads) to the vertex {@code latent}, whose activations are the code z
     * [batch, Q] that the decoder reads, and the output head {@code kl}: a {@code KlRegularizerOutputLayer} whose
     * score is beta times KL(q(z | x) || N(0, I)) per example, exactly or estimated.
     */
    void add(ComputationGraphConfiguration.GraphBuilder graph, String encoderHead, String features, int latentWidth,
            String latent, String kl, ISchedule beta);
}
