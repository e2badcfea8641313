package org.dl4jlvm.autoencoder;

import java.util.Arrays;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.linear.DoubleProducts;
import org.dl4jlvm.linear.Pca;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Starts an autoencoder from a fitted PCA. The first encoder layer (weights [D, H], bias [H]) becomes the
 * projection onto the first H components, {@code h = V_H^T (x - mean)}, and the last decoder layer (weights
 * [H', D], bias [D]) the map back, {@code y = V_H' h + mean}. A linear autoencoder with squared error (code
 * width Q, no hidden layers) so starts exactly at PCA's reconstruction, the optimum of its loss; a deep one
 * starts warm: its outer layers hold the leading principal directions, its inner ones are left as they were.
 * The PCA needs at least max(H, H') components. Works on any graph whose two layers hold weights "W" and bias
 * "b" in DL4J's dense layout.
 *
 * <p>Reference: Baldi and Hornik, Neural networks and principal component analysis, Neural Networks 2(1), 1989.
 */
public final class PcaInitializer {
    private PcaInitializer() {
    }

    /** Initialises a graph built by {@link AutoencoderGraphBuilder}: its first encoder layer and {@code decoderOut}. */
    public static void initialize(ComputationGraph graph, Pca pca) {
        initialize(graph, pca, AutoencoderGraphBuilder.firstEncoderLayer(graph.getConfiguration()),
                AutoencoderGraphBuilder.DECODER_OUT);
    }

    /** Initialises the named first encoder layer and last decoder layer of any graph from {@code pca}. */
    public static void initialize(ComputationGraph graph, Pca pca, String firstEncoderLayer, String lastDecoderLayer) {
        DataType type = graph.getConfiguration().getDataType();
        INDArray components = pca.components();
        INDArray mean = pca.mean().reshape(1, pca.dataWidth());

        Layer encoder = layer(graph, "firstEncoderLayer", firstEncoderLayer);
        long hidden = checkShape("firstEncoderLayer", encoder, pca.dataWidth(), -1, pca);
        INDArray v = components.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden));
        encoder.setParam("W", v.castTo(type));
        encoder.setParam("b", DoubleProducts.multiply(mean, v).negi().castTo(type));

        Layer decoder = layer(graph, "lastDecoderLayer", lastDecoderLayer);
        long codeSide = checkShape("lastDecoderLayer", decoder, -1, pca.dataWidth(), pca);
        INDArray u = components.get(NDArrayIndex.all(), NDArrayIndex.interval(0, codeSide));
        decoder.setParam("W", u.transpose().castTo(type));
        decoder.setParam("b", mean.castTo(type));
    }

    private static Layer layer(ComputationGraph graph, String parameter, String name) {
        SubGraph.vertex(graph, parameter, name);
        Layer layer = graph.getLayer(name);
        if (layer == null || layer.getParam("W") == null || layer.getParam("b") == null) {
            throw new IllegalArgumentException(parameter + ": expected a dense layer with weights W and bias b named '"
                    + name + "', found " + (layer == null ? "a vertex that is not a layer" : "a layer with parameters "
                    + layer.paramTable().keySet()));
        }
        return layer;
    }

    /** Checks W against [rows, columns] (-1: free, at most the PCA's components); returns the free dimension. */
    private static long checkShape(String parameter, Layer layer, long rows, long columns, Pca pca) {
        long[] shape = layer.getParam("W").shape();
        long free = rows < 0 ? shape[0] : shape[1];
        boolean fits = (rows < 0 || shape[0] == rows) && (columns < 0 || shape[1] == columns) && free <= pca.latentWidth();
        if (!fits) {
            throw new IllegalArgumentException(parameter + ": expected weights of shape " + (rows < 0 ? "[H, " + columns + "]"
                    : "[" + rows + ", H]") + " with D = " + pca.dataWidth() + " the PCA's data width and H <= "
                    + pca.latentWidth() + " its components, found " + Arrays.toString(shape) + " in layer '"
                    + layer.getConfig().getLayerName() + "'");
        }
        return free;
    }
}
