package org.dl4jlvm.core;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The context of a conditional model (DESIGN convention 12), checked once for every model: its rows for a batch, and
 * its width read from a trained graph.
 */
public final class Contexts {
    private Contexts() {
    }

    /**
     * The context for n examples of a model whose context has width C ({@code model} names it in errors): null without
     * one (C = 0, and then the context must be null); one row repeated, or n rows; finite; cast to the data type.
     */
    public static INDArray rows(String model, INDArray context, long width, long n, DataType dataType) {
        if (width == 0) {
            if (context != null) {
                throw new IllegalArgumentException("context: the " + model + " has no context input, found an array of shape "
                        + Arrays.toString(context.shape()));
            }
            return null;
        }
        if (context == null) {
            throw new IllegalArgumentException("context: the " + model + " is conditional (context width " + width
                    + "); pass the context beside x");
        }
        Checks.width("context", context, width);
        Checks.finite("context", context);
        if (context.size(0) == 1 && n != 1) {
            context = Nd4j.repeat(context, (int) n).reshape(n, width);
        }
        if (context.size(0) != n) {
            throw new IllegalArgumentException("context: expected one row or a row per example (" + n + "), found "
                    + context.size(0));
        }
        return context.castTo(dataType);
    }

    /**
     * The width of the graph input {@code context}, from a dense layer that reads a merge of it with a vertex whose
     * width is {@code known}: the layer's nIn less that width.
     */
    public static long width(ComputationGraphConfiguration conf, String context, Map<String, Long> known) {
        for (Map.Entry<String, GraphVertex> merge : conf.getVertices().entrySet()) {
            List<String> inputs = conf.getVertexInputs().get(merge.getKey());
            if (!(merge.getValue() instanceof MergeVertex) || inputs.size() != 2 || !inputs.contains(context)) {
                continue;
            }
            String other = inputs.get(0).equals(context) ? inputs.get(1) : inputs.get(0);
            if (!known.containsKey(other)) {
                continue;
            }
            for (Map.Entry<String, List<String>> reader : conf.getVertexInputs().entrySet()) {
                GraphVertex vertex = conf.getVertices().get(reader.getKey());
                Object layer = vertex instanceof LayerVertex ? ((LayerVertex) vertex).getLayerConf().getLayer() : null;
                if (reader.getValue().equals(List.of(merge.getKey())) && layer instanceof FeedForwardLayer) {
                    return ((FeedForwardLayer) layer).getNIn() - known.get(other);
                }
            }
        }
        throw new IllegalArgumentException("graph: expected the context input '" + context + "' merged with one of "
                + known.keySet() + " before a dense layer; cannot tell its width");
    }
}
