package org.dl4jlvm.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of a trained graph between two vertices, run at inference on a given activation of the first:
 * a decoder fed with a latent code, for instance. Every vertex on the way must be computed from the
 * first vertex alone. Not thread-safe: it drives the graph's vertices directly.
 */
public final class SubGraph {
    private final ComputationGraph graph;
    private final String from;
    private final String to;
    private final List<String> path;

    /** The vertices from {@code from} (exclusive) to {@code to} (inclusive). */
    public SubGraph(ComputationGraph graph, String from, String to) {
        this.graph = graph;
        this.from = vertex(graph, "from", from);
        this.to = vertex(graph, "to", to);
        Set<String> reached = new HashSet<>();
        reached.add(from);
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
            if (inputs != null && !inputs.isEmpty() && reached.containsAll(inputs) && !graph.getVertex(name).isOutputVertex()) {
                reached.add(name);
                order.add(name);
            }
        }
        if (!reached.contains(to) || from.equals(to)) {
            throw new IllegalArgumentException("to: the vertex '" + to + "' must be computed from the vertex '" + from + "' alone");
        }
        this.path = order.subList(0, order.indexOf(to) + 1);
    }

    /** Fails unless the graph has a vertex of that name; returns the name. */
    public static String vertex(ComputationGraph graph, String parameter, String name) {
        if (name == null || graph.getVertex(name) == null) {
            throw new IllegalArgumentException(parameter + ": no vertex named '" + name + "' in the graph; vertices are "
                    + graph.getConfiguration().getVertices().keySet());
        }
        return name;
    }

    /** The output width of a vertex that is a feed-forward layer (nOut); fails for any other vertex. */
    public static long width(ComputationGraph graph, String parameter, String name) {
        org.deeplearning4j.nn.conf.graph.GraphVertex vertex = graph.getConfiguration().getVertices().get(vertex(graph, parameter, name));
        if (!(vertex instanceof LayerVertex) || !(((LayerVertex) vertex).getLayerConf().getLayer() instanceof FeedForwardLayer)) {
            throw new IllegalArgumentException(parameter + ": expected '" + name + "' to be a feed-forward layer with a width (nOut), found "
                    + vertex.getClass().getSimpleName());
        }
        return ((FeedForwardLayer) ((LayerVertex) vertex).getLayerConf().getLayer()).getNOut();
    }

    /** The activation of {@code to} when {@code from} has the activation {@code input}, at inference. */
    public synchronized INDArray apply(INDArray input) {
        Map<String, INDArray> activations = new HashMap<>();
        activations.put(from, input.castTo(graph.getConfiguration().getDataType()));
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        for (String name : path) {
            List<String> inputNames = graph.getConfiguration().getVertexInputs().get(name);
            GraphVertex vertex = graph.getVertex(name);
            for (int i = 0; i < inputNames.size(); i++) {
                vertex.setInput(i, activations.get(inputNames.get(i)), workspaces);
            }
            activations.put(name, vertex.doForward(false, workspaces));
            vertex.clear();
        }
        return activations.get(to);
    }
}
