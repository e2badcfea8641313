package org.dl4jlvm.models;

import org.dl4jlvm.core.Dense;
import org.dl4jlvm.core.DenseStack;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;

/**
 * Dense hidden layers of the given sizes, as an encoder ({@code encoder-1..n} after x) or a decoder
 * ({@code decoder-1..m} after z, then a dense layer to the likelihood's parameters). The context, if any, is merged
 * with the body's input: {@code [x | c]} ({@value VaeGraphBuilder#ENCODER_INPUT}) or {@code [z | c]}
 * ({@value VaeGraphBuilder#DECODER_INPUT}).
 */
public final class DenseBody implements EncoderBody, DecoderBody {
    private final int[] sizes;

    /** Hidden sizes, input side first (none: the head or output layer reads the input directly). */
    public DenseBody(int... sizes) {
        this.sizes = DenseStack.sizes("sizes", sizes);
    }

    @Override
    public InputType inputType(long dataWidth) {
        return InputType.feedForward(dataWidth);
    }

    @Override
    public String add(ComputationGraphConfiguration.GraphBuilder graph, String x, String context, Activation activation) {
        return DenseStack.add(graph, "encoder-", sizes, activation, merged(graph, VaeGraphBuilder.ENCODER_INPUT, x, context));
    }

    /** The context, if any, reaches every layer: {@code [z | c]}, then {@code [h_i | c]} after each hidden layer i. */
    @Override
    public void add(ComputationGraphConfiguration.GraphBuilder graph, String z, String context, String output,
            long dataWidth, long parameterWidth, Activation activation) {
        String previous = merged(graph, VaeGraphBuilder.DECODER_INPUT, z, context);
        for (int i = 0; i < sizes.length; i++) {
            String name = "decoder-" + (i + 1);
            graph.addLayer(name, new Dense.Builder().nOut(sizes[i]).activation(activation).build(), previous);
            previous = merged(graph, name + "-and-context", name, context);
        }
        graph.addLayer(output, new Dense.Builder().nOut(parameterWidth).activation(Activation.IDENTITY).build(), previous);
    }

    /** {@code input}, or a vertex {@code name} that merges it with the context when there is one. */
    static String merged(ComputationGraphConfiguration.GraphBuilder graph, String name, String input, String context) {
        if (context == null) {
            return input;
        }
        graph.addVertex(name, new MergeVertex(), input, context);
        return name;
    }
}
