package org.dl4jlvm.likelihood;

import org.dl4jlvm.core.DirectScore;

import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.core.UnsupervisedOutputLayer;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output head that scores the network's input features x under a {@link Likelihood} whose parameters
 * theta are this layer's input: score = {@code -log p(x | theta)} in nats per example. Its labels are the
 * features (supplied by {@link org.dl4jlvm.training.UnsupervisedIterator}); its activations are theta.
 *
 * <pre>
 * .addLayer("reconstruction", new LikelihoodOutputLayer(new BernoulliLikelihood()), "decoderOut")
 * </pre>
 */
public class LikelihoodOutputLayer extends UnsupervisedOutputLayer {

    private Likelihood likelihood = new BernoulliLikelihood();

    /** For Jackson; a Bernoulli likelihood. */
    public LikelihoodOutputLayer() {
    }

    public LikelihoodOutputLayer(Likelihood likelihood) {
        setLikelihood(likelihood);
    }

    /** The head named {@code name} in the graph; fails, naming {@code parameter}, unless it is a LikelihoodOutputLayer. */
    public static LikelihoodOutputLayer in(ComputationGraph graph, String parameter, String name) {
        GraphVertex vertex = graph.getConfiguration().getVertices()
                .get(SubGraph.vertex(graph, parameter, name));
        Object layer = vertex instanceof LayerVertex
                ? ((LayerVertex) vertex).getLayerConf().getLayer() : vertex;
        if (!(layer instanceof LikelihoodOutputLayer)) {
            throw new IllegalArgumentException(parameter + ": expected a LikelihoodOutputLayer named '" + name
                    + "', found " + layer.getClass().getSimpleName());
        }
        return (LikelihoodOutputLayer) layer;
    }

    /** Sets the layer name and returns this layer. */
    public LikelihoodOutputLayer named(String name) {
        setLayerName(name);
        return this;
    }

    public Likelihood getLikelihood() {
        return likelihood;
    }

    public void setLikelihood(Likelihood likelihood) {
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
    }

    @Override
    public boolean labelsAreFeatures() {
        return true;
    }

    @Override
    public void validate(INDArray input, INDArray labels) {
        String label = layerLabel();
        Checks.matrix(label + " labels (the data x)", labels);
        Checks.matrix(label + " input (the decoder output)", input);
        likelihood.checkWidths(labels.size(1), input.size(1));
    }

    @Override
    public void checkFiniteLabels(INDArray labels) {
        Checks.finite(layerLabel() + " labels (the data x)", labels);
    }

    private String layerLabel() {
        return "LikelihoodOutputLayer '" + getLayerName() + "'";
    }

    @Override
    public DirectScore directScore() {
        return likelihood.directScore();
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable score = likelihood.defineNegLogLikelihood(sd, labels, input).sum();
        score.markAsLoss();
        return score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LikelihoodOutputLayer && super.equals(o)
                && likelihood.equals(((LikelihoodOutputLayer) o).likelihood);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), likelihood);
    }
}
