package org.dl4jlvm.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * The layers of a VAE's decoder, from the latent code z (and, in a conditional VAE, the context) to the likelihood's
 * parameters theta(z), flat [batch, P]. {@link VaeGraphBuilder} adds them; {@link DenseBody} and
 * {@link ConvolutionalDecoder} are the two kinds.
 */
public interface DecoderBody {

    /**
     * Adds the layers after the vertex {@code z}, merging the context input {@code context} (null without one) where
     * the body reads it, and ending in the vertex {@code output}: flat likelihood parameters of width
     * {@code parameterWidth} for data of width {@code dataWidth}, with identity activation.
     */
    void add(ComputationGraphConfiguration.GraphBuilder graph, String z, String context, String output, long dataWidth,
            long parameterWidth, Activation activation);
}
