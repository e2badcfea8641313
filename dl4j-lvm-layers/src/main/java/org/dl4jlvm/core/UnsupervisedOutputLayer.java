package org.dl4jlvm.core;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of this library's output layers, the one mechanism by which a reconstruction term, a KL term or
 * a flow's log-likelihood reaches the graph's score: each is an output head of the
 * {@code ComputationGraph}, the graph's score is the sum of its heads, and every head scores in nats
 * per example. A head either compares its input with the network's features ({@link #labelsAreFeatures()}
 * true, e.g. a reconstruction likelihood) or scores its input alone (false, e.g. a KL regulariser or a
 * flow's base density). {@link org.dl4jlvm.training.UnsupervisedIterator} supplies the labels each head
 * expects, so users call {@code graph.fit(iterator)} on any {@code DataSetIterator}.
 *
 * <p>The head's SameDiff graph returns the score summed over the minibatch (DL4J divides by the
 * minibatch size); its activations are its input, unchanged. A head may weight its score per iteration
 * ({@link #scoreWeight}, e.g. KL annealing) and check its inputs ({@link #validate}).
 */
public abstract class UnsupervisedOutputLayer extends SameDiffOutputLayer {

    protected UnsupervisedOutputLayer() {
    }

    /** True when this head's labels are the network's input features; false when it ignores its labels. */
    public abstract boolean labelsAreFeatures();

    /** Factor applied to the score and its gradient at the given iteration (default 1). */
    public double scoreWeight(int iteration, int epoch) {
        return 1.0;
    }

    /** Fails with an {@link IllegalArgumentException} when the shapes of the input or labels do not fit this head. */
    public void validate(INDArray input, INDArray labels) {
    }

    /**
     * Fails with an {@link IllegalArgumentException} naming the labels (data) when they hold NaN or infinite values.
     * Called only when the score is not finite, so finite batches do not pay for a scan of every value; a non-finite
     * score from finite labels then stops training with a {@link NonFiniteScoreException}.
     */
    public void checkFiniteLabels(INDArray labels) {
    }

    /** This head's score on arrays with its closed-form gradient, or null (default) to train through SameDiff. */
    public DirectScore directScore() {
        return null;
    }

    @Override
    public String activationsVertexName() {
        return "input";
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // no parameters
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new UnsupervisedOutputLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
