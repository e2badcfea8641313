package org.dl4jlvm.models;

import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.likelihood.Likelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.training.ObjectiveParts;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parts of a VAE's loss {@code -log p(x | z) + beta KL(q(z | x) || p(z))} on a training minibatch, as means
 * per example: {@code reconstruction} (nats, at the sampled z), {@code kl} (nats) and {@code beta} (the KL
 * weight at this iteration). Without weight decay the score is {@code reconstruction + beta * kl}.
 */
public final class VaeObjectiveParts implements ObjectiveParts {
    private final String input;
    private final String klInput;
    private final String decoderOut;
    private final Likelihood likelihood;
    private final KlRegularizerOutputLayer kl;

    /** The parts of a graph built by {@link VaeGraphBuilder}. */
    public VaeObjectiveParts(ComputationGraph graph) {
        this(graph, VaeGraphBuilder.ENCODER_HEAD, VaeGraphBuilder.RECONSTRUCTION, VaeGraphBuilder.KL);
    }

    /** The parts of any VAE graph with one input, given its encoder head, reconstruction and KL layer names. */
    public VaeObjectiveParts(ComputationGraph graph, String encoderHead, String reconstruction, String kl) {
        this.input = graph.getConfiguration().getNetworkInputs().get(0);
        SubGraph.vertex(graph, "encoderHead", encoderHead);
        this.likelihood = LikelihoodOutputLayer.in(graph, "reconstruction", reconstruction).getLikelihood();
        this.decoderOut = graph.getConfiguration().getVertexInputs().get(reconstruction).get(0);
        Object layer = ((LayerVertex) graph.getConfiguration().getVertices().get(SubGraph.vertex(graph, "kl", kl)))
                .getLayerConf().getLayer();
        if (!(layer instanceof KlRegularizerOutputLayer)) {
            throw new IllegalArgumentException("kl: expected '" + kl + "' to be a KlRegularizerOutputLayer, found "
                    + layer.getClass().getSimpleName());
        }
        this.kl = (KlRegularizerOutputLayer) layer;
        this.klInput = graph.getConfiguration().getVertexInputs().get(kl).get(0);
    }

    @Override
    public List<String> names() {
        return List.of("reconstruction", "kl", "beta");
    }

    @Override
    public double[] of(ComputationGraph graph, Map<String, INDArray> activations) {
        double reconstruction = likelihood.negLogLikelihood(activations.get(input), activations.get(decoderOut))
                .meanNumber().doubleValue();
        double divergence = kl.divergence(activations.get(klInput)).meanNumber().doubleValue();
        return new double[] {reconstruction, divergence, kl.beta(graph.getIterationCount(), graph.getEpochCount())};
    }
}
