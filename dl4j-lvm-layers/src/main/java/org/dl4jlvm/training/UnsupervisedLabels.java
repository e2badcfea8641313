package org.dl4jlvm.training;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.UnsupervisedOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The labels a graph with this library's output heads trains on, made from the features: each head that scores
 * the features (a reconstruction likelihood) gets the features, each head that ignores its labels (a KL regulariser,
 * a flow's base density) a [batch, 1] column of zeros, and any other output layer the data's own labels.
 * Serializable, so that Spark workers can turn rows into minibatches ({@link UnsupervisedIterator} does it for an
 * iterator). A graph with a second input (a conditional model's context, DESIGN convention 12) gets the data's labels
 * array there, or the second features array of a {@code MultiDataSet}.
 */
public final class UnsupervisedLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What each output head takes as labels. */
    private enum Target { FEATURES, NOTHING, LABELS }

    private final Target[] targets;
    private final List<String> inputs;

    private UnsupervisedLabels(Target[] targets, List<String> inputs) {
        this.targets = targets;
        this.inputs = inputs;
    }

    /** The labels of the outputs of {@code configuration}, which must have one input (x) or two (x, context). */
    public static UnsupervisedLabels of(ComputationGraphConfiguration configuration) {
        if (configuration.getNetworkInputs().size() > 2) {
            throw new IllegalArgumentException("configuration: expected a graph with one input (x) or two (x, context), "
                    + "found " + configuration.getNetworkInputs());
        }
        List<String> outputs = configuration.getNetworkOutputs();
        Target[] targets = new Target[outputs.size()];
        Map<String, GraphVertex> vertices = configuration.getVertices();
        for (int i = 0; i < targets.length; i++) {
            GraphVertex vertex = vertices.get(outputs.get(i));
            targets[i] = Target.LABELS;
            if (vertex instanceof LayerVertex
                    && ((LayerVertex) vertex).getLayerConf().getLayer() instanceof UnsupervisedOutputLayer) {
                UnsupervisedOutputLayer head = (UnsupervisedOutputLayer) ((LayerVertex) vertex).getLayerConf().getLayer();
                targets[i] = head.labelsAreFeatures() ? Target.FEATURES : Target.NOTHING;
            }
        }
        return new UnsupervisedLabels(targets, new java.util.ArrayList<>(configuration.getNetworkInputs()));
    }

    /** True when the graph has a second input, the context. */
    public boolean hasContext() {
        return inputs.size() == 2;
    }

    /**
     * A minibatch of {@code inputs} (x, then the context where the graph has one) with the labels of every output
     * ({@code labels} for outputs that are not this library's heads; may be null when there are none).
     */
    public MultiDataSet dataSet(INDArray[] inputs, INDArray labels) {
        if (inputs.length != this.inputs.size()) {
            throw new IllegalArgumentException("features: the graph has inputs " + this.inputs + ", found "
                    + inputs.length + " features array" + (inputs.length == 1 ? "" : "s")
                    + (hasContext() ? " (a DataSet's labels or a MultiDataSet's second features array feed the context)" : ""));
        }
        MultiDataSet data = features(inputs[0], labels);
        if (hasContext()) {
            INDArray context = inputs[1];
            Checks.finite(this.inputs.get(1), context);
            if (context.rank() != 2 || context.size(0) != inputs[0].size(0)) {
                throw new IllegalArgumentException(this.inputs.get(1) + ": expected a matrix with a row per example ("
                        + inputs[0].size(0) + "), found shape " + java.util.Arrays.toString(context.shape()));
            }
            return new org.nd4j.linalg.dataset.MultiDataSet(inputs, data.getLabels());
        }
        return data;
    }

    /**
     * A minibatch of {@code features} with the labels of every output ({@code labels} for outputs that are not
     * this library's heads; may be null when there are none). Rejects features with NaN or infinite values.
     */
    public MultiDataSet dataSet(INDArray features, INDArray labels) {
        if (hasContext()) {
            if (labels == null) {
                throw new IllegalArgumentException(inputs.get(1) + ": the graph's second input takes the DataSet's labels "
                        + "as its context, found none");
            }
            return dataSet(new INDArray[] {features, labels}, null);
        }
        return features(features, labels);
    }

    private MultiDataSet features(INDArray features, INDArray labels) {
        Checks.finite("features", features);
        INDArray[] outputLabels = new INDArray[targets.length];
        for (int i = 0; i < targets.length; i++) {
            switch (targets[i]) {
                case FEATURES:
                    outputLabels[i] = features;
                    break;
                case NOTHING:
                    outputLabels[i] = Nd4j.zeros(features.dataType(), features.size(0), 1);
                    break;
                default:
                    if (labels == null) {
                        throw new IllegalArgumentException("labels: output " + i + " is not an unsupervised head and needs "
                                + "the data's labels, found none");
                    }
                    outputLabels[i] = labels;
            }
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features}, outputLabels);
    }
}
