package org.dl4jlvm.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of a trained graph between vertices and a later one, run at inference on given activations of the first:
 * a decoder fed with a latent code (and, in a conditional model, the context input), for instance. Every vertex on the
 * way must be computed from the first vertices alone. Not thread-safe: it drives the graph's vertices directly.
 */
public final class SubGraph {
    private final ComputationGraph graph;
    private final List<String> from;
    private final String to;
    private final List<String> path;

    /** The vertices from {@code from} (exclusive) to {@code to} (inclusive). */
    public SubGraph(ComputationGraph graph, String from, String to) {
        this(graph, List.of(from), to);
    }

    /** The vertices from the {@code from} vertices (exclusive; network inputs too) to {@code to} (inclusive). */
    public SubGraph(ComputationGraph graph, List<String> from, String to) {
        this.graph = graph;
        for (String name : from) {
            vertex(graph, "from", name);
        }
        this.from = List.copyOf(from);
        this.to = vertex(graph, "to", to);
        Set<String> reached = new HashSet<>(from);
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
            if (inputs != null && !inputs.isEmpty() && reached.containsAll(inputs) && !graph.getVertex(name).isOutputVertex()
                    && !from.contains(name)) {
                reached.add(name);
                order.add(name);
            }
        }
        if (!reached.contains(to) || from.contains(to)) {
            throw new IllegalArgumentException("to: the vertex '" + to + "' must be computed from the vertices " + from
                    + " alone");
        }
        this.path = needed(graph, order.subList(0, order.indexOf(to) + 1), to);
    }

    /** The vertices of {@code order} (topological, ending in {@code to}) that {@code to} depends on, in that order. */
    private static List<String> needed(ComputationGraph graph, List<String> order, String to) {
        Set<String> needed = new HashSet<>(List.of(to));
        List<String> path = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String name = order.get(i);
            if (needed.contains(name)) {
                needed.addAll(graph.getConfiguration().getVertexInputs().get(name));
                path.add(0, name);
            }
        }
        return path;
    }

    /** Fails unless the graph has a vertex of that name; returns the name. */
    public static String vertex(ComputationGraph graph, String parameter, String name) {
        if (name == null || graph.getVertex(name) == null) {
            throw new IllegalArgumentException(parameter + ": no vertex named '" + name + "' in the graph; vertices are "
                    + graph.getConfiguration().getVertices().keySet());
        }
        return name;
    }

    /**
     * The output width of a vertex that is a feed-forward layer (nOut) or flattens feature maps (a
     * {@link PreprocessorVertex} with a {@link CnnToFeedForwardPreProcessor}: channels x height x width); fails for
     * any other vertex.
     */
    public static long width(ComputationGraph graph, String parameter, String name) {
        org.deeplearning4j.nn.conf.graph.GraphVertex vertex = graph.getConfiguration().getVertices().get(vertex(graph, parameter, name));
        if (vertex instanceof LayerVertex && ((LayerVertex) vertex).getLayerConf().getLayer() instanceof FeedForwardLayer) {
            return ((FeedForwardLayer) ((LayerVertex) vertex).getLayerConf().getLayer()).getNOut();
        }
        if (vertex instanceof PreprocessorVertex && ((PreprocessorVertex) vertex).getPreProcessor() instanceof CnnToFeedForwardPreProcessor) {
            CnnToFeedForwardPreProcessor flatten = (CnnToFeedForwardPreProcessor) ((PreprocessorVertex) vertex).getPreProcessor();
            return flatten.getNumChannels() * flatten.getInputHeight() * flatten.getInputWidth();
        }
        throw new IllegalArgumentException(parameter + ": expected '" + name + "' to be a feed-forward layer with a width (nOut) "
                + "or a vertex that flattens feature maps, found " + vertex.getClass().getSimpleName());
    }

    /** The activation of {@code to} when the {@code from} vertices have the activations {@code inputs}, at inference. */
    public synchronized INDArray apply(INDArray... inputs) {
        if (inputs.length != from.size()) {
            throw new IllegalArgumentException("inputs: expected an activation for each of " + from + ", found "
                    + inputs.length);
        }
        Map<String, INDArray> activations = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            activations.put(from.get(i), inputs[i].castTo(graph.getConfiguration().getDataType()));
        }
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
