package org.dl4jlvm.models;

import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.GraphLayers;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.MonteCarloKlOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The flow steps of a VAE graph with a flow posterior, run at inference by {@link Vae} on its own draws: from a
 * {@link GaussianSamplingLayer} with {@code logDensity(true)} on the encoder head, and the encoder's features (the
 * head's input, which amortised steps read), to the input {@code [z_K | context | -log q(z_K | x)]} of the
 * {@link MonteCarloKlOutputLayer}.
 */
final class PosteriorFlow {
    private final SubGraph steps;
    private final String features;
    private final long latentWidth;
    private final long contextWidth;

    private PosteriorFlow(SubGraph steps, String features, long latentWidth, long contextWidth) {
        this.steps = steps;
        this.features = features;
        this.latentWidth = latentWidth;
        this.contextWidth = contextWidth;
    }

    /** The flow of a graph whose KL head is a {@link MonteCarloKlOutputLayer}; null for any other graph. */
    static PosteriorFlow of(ComputationGraph graph, String encoderHead, long latentWidth) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        Map<String, MonteCarloKlOutputLayer> heads = GraphLayers.of(graph.getConfiguration(), MonteCarloKlOutputLayer.class);
        if (heads.isEmpty()) {
            return null;
        }
        String kl = heads.keySet().iterator().next();
        MonteCarloKlOutputLayer head = heads.get(kl);
        String sampling = null;
        for (Map.Entry<String, GaussianSamplingLayer> layer : GraphLayers.of(graph.getConfiguration(), GaussianSamplingLayer.class).entrySet()) {
            if (layer.getValue().isLogDensity() && inputs.get(layer.getKey()).equals(List.of(encoderHead))) {
                sampling = layer.getKey();
            }
        }
        if (sampling == null) {
            throw new IllegalArgumentException("graph: the MonteCarloKlOutputLayer '" + kl + "' needs a GaussianSamplingLayer"
                    + " with logDensity(true) on the encoder head '" + encoderHead + "'; found none");
        }
        if (head.getLatentWidth() != latentWidth) {
            throw new IllegalArgumentException("graph: the MonteCarloKlOutputLayer '" + kl + "' has latent width "
                    + head.getLatentWidth() + ", the encoder head " + latentWidth);
        }
        String features = inputs.get(encoderHead).get(0);
        return new PosteriorFlow(new SubGraph(graph, List.of(sampling, features), inputs.get(kl).get(0)), features,
                latentWidth, head.getContextWidth());
    }

    /** The vertex whose activations the steps read beside the draw. */
    String features() {
        return features;
    }

    /** {@code {z_K, log q(z_K | x)}} from {@code z_0}, {@code log q(z_0 | x)} (double, [batch]) and the features. */
    INDArray[] apply(INDArray z0, INDArray logDensity, INDArray featureRows) {
        INDArray start = Nd4j.concat(1, z0, logDensity.neg().castTo(z0.dataType()).reshape(z0.size(0), 1));
        INDArray out = steps.apply(start, featureRows);
        return new INDArray[] {out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth)).dup(),
                out.get(NDArrayIndex.all(), NDArrayIndex.point(latentWidth + contextWidth)).castTo(DataType.DOUBLE).negi()};
    }
}
