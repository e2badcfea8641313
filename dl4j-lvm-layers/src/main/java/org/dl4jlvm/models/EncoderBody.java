package org.dl4jlvm.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;

/**
 * The hidden layers of a VAE's encoder, from the data x (and, in a conditional VAE, the context) to flat features
 * that the encoder head {@code [mean | logVariance]} reads. {@link VaeGraphBuilder} adds them; {@link DenseBody} and
 * {@link ConvolutionalEncoder} are the two kinds.
 */
public interface EncoderBody {

    /** The graph input type of flat data of width D; fails naming {@code dataWidth} when the body cannot read it. */
    InputType inputType(long dataWidth);

    /**
     * Adds the layers after the input vertex {@code x}, merging the context input {@code context} (null without one)
     * where the body reads it; returns the name of the last vertex, whose activations are flat [batch, width].
     */
    String add(ComputationGraphConfiguration.GraphBuilder graph, String x, String context, Activation activation);
}
