package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/** Hidden dense layers named {@code prefix1, prefix2, ...}, as the model builders add them. */
public final class DenseStack {
    private DenseStack() {
    }

    /**
     * Adds one {@link Dense} layer per size after {@code input}; returns the name of the last (or {@code input}). When
     * {@code input} is a network input, the first layer skips the input gradient, which nothing reads.
     */
    public static String add(ComputationGraphConfiguration.GraphBuilder graph, String prefix, int[] sizes,
            Activation activation, String input) {
        String previous = input;
        for (int i = 0; i < sizes.length; i++) {
            String name = prefix + (i + 1);
            boolean onNetworkInput = graph.getNetworkInputs().contains(previous);
            graph.addLayer(name, new Dense.Builder().nOut(sizes[i]).activation(activation)
                    .inputGradient(!onNetworkInput).build(), previous);
            previous = name;
        }
        return previous;
    }

    /** A copy of {@code sizes} after checking that every entry is at least 1. */
    public static int[] sizes(String parameter, int[] sizes) {
        for (int size : sizes) {
            Checks.atLeastOne(parameter + " entries", size);
        }
        return sizes.clone();
    }
}
