package org.dl4jlvm.autoencoder;

import java.util.List;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.likelihood.Likelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained deterministic autoencoder graph seen as a model: {@code encode} gives the code, {@code decode} the
 * reconstruction of a code (the mean of the reconstruction head's loss, e.g. the sigmoid of Bernoulli logits),
 * {@code reconstruct} both in turn. A corruption layer is the identity here. Works on any graph with a code
 * layer and a {@link LikelihoodOutputLayer} whose input is computed from the code alone; the names default to
 * those of {@link AutoencoderGraphBuilder}. A plain autoencoder has neither a likelihood nor a prior, so it
 * offers neither {@link #logLikelihood} nor {@link #sample}.
 */
public class Autoencoder implements LatentVariableModel {
    private final ComputationGraph graph;
    private final String code;
    private final String decoderOut;
    private final SubGraph decoder;
    private final Likelihood loss;
    private final long codeWidth;
    private final long dataWidth;

    /** An autoencoder over a graph built by {@link AutoencoderGraphBuilder}. */
    public Autoencoder(ComputationGraph graph) {
        this(graph, AutoencoderGraphBuilder.CODE, AutoencoderGraphBuilder.RECONSTRUCTION);
    }

    /** An autoencoder over any graph, given the names of its code layer and its reconstruction head. */
    public Autoencoder(ComputationGraph graph, String code, String reconstruction) {
        this.graph = graph;
        this.code = SubGraph.vertex(graph, "code", code);
        this.loss = LikelihoodOutputLayer.in(graph, "reconstruction", reconstruction).getLikelihood();
        this.decoderOut = graph.getConfiguration().getVertexInputs().get(reconstruction).get(0);
        this.decoder = new SubGraph(graph, code, decoderOut);
        this.codeWidth = SubGraph.width(graph, "code", code);
        this.dataWidth = loss.dataWidth(SubGraph.width(graph, "reconstruction input", decoderOut));
    }

    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public int latentWidth() {
        return (int) codeWidth;
    }

    @Override
    public long dataWidth() {
        return dataWidth;
    }

    @Override
    public boolean canSample() {
        return false;
    }

    /** Unsupported: a plain autoencoder has no prior over its codes. */
    @Override
    public INDArray sample(int n, long seed) {
        throw new UnsupportedOperationException("Autoencoder has no prior over its codes, so it cannot sample; use a VAE");
    }

    /** The code, shape [batch, Q]. */
    @Override
    public INDArray encode(INDArray x) {
        Checks.matrix("x", x);
        Checks.finite("x", x);
        return graph.output(List.of(code), false, new INDArray[] {x}, null)[0];
    }

    /** The reconstruction of a code, shape [batch, D]. */
    @Override
    public INDArray decode(INDArray z) {
        Checks.width("z", z, codeWidth);
        return loss.mean(decoder.apply(z));
    }

    /** The reconstruction of x, shape [batch, D]. */
    @Override
    public INDArray reconstruct(INDArray x) {
        Checks.matrix("x", x);
        Checks.finite("x", x);
        return loss.mean(graph.output(List.of(decoderOut), false, new INDArray[] {x}, null)[0]);
    }
}
