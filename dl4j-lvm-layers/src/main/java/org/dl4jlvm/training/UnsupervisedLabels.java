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
 * iterator).
 */
public final class UnsupervisedLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What each output head takes as labels. */
    private enum Target { FEATURES, NOTHING, LABELS }

    private final Target[] targets;

    private UnsupervisedLabels(Target[] targets) {
        this.targets = targets;
    }

    /** The labels of the outputs of {@code configuration}, which must have one input. */
    public static UnsupervisedLabels of(ComputationGraphConfiguration configuration) {
        if (configuration.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("configuration: expected a graph with one input, found "
                    + configuration.getNetworkInputs());
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
        return new UnsupervisedLabels(targets);
    }

    /**
     * A minibatch of {@code features} with the labels of every output ({@code labels} for outputs that are not
     * this library's heads; may be null when there are none). Rejects features with NaN or infinite values.
     */
    public MultiDataSet dataSet(INDArray features, INDArray labels) {
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
