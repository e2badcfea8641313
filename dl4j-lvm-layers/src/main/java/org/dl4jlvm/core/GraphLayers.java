package org.dl4jlvm.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;

/** The layer configurations of a graph that are of one type, by vertex name, in the configuration's order. */
public final class GraphLayers {
    private GraphLayers() {
    }

    /** Every layer vertex of {@code configuration} whose layer is a {@code type}, by name. */
    public static <T> Map<String, T> of(ComputationGraphConfiguration configuration, Class<T> type) {
        Map<String, T> layers = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            Object layer = vertex.getValue() instanceof LayerVertex ? ((LayerVertex) vertex.getValue()).getLayerConf().getLayer() : null;
            if (type.isInstance(layer)) {
                layers.put(vertex.getKey(), type.cast(layer));
            }
        }
        return layers;
    }
}
