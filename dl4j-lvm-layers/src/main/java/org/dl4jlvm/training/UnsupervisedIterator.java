package org.dl4jlvm.training;

import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.UnsupervisedOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adapts any {@link DataSetIterator} to a graph with this library's output heads, so that
 * {@code graph.fit(new UnsupervisedIterator(graph, iterator))} trains it: each head that scores the
 * features (a reconstruction likelihood) gets the features as labels, each head that ignores its labels
 * (a KL regulariser, a flow's base density) gets a [batch, 1] column of zeros, and any other output layer
 * gets the data set's own labels. Features with NaN or infinite values are rejected before training
 * sees them.
 */
public class UnsupervisedIterator implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    /** What each output head takes as labels. */
    private enum Target { FEATURES, NOTHING, LABELS }

    private final DataSetIterator base;
    private final Target[] targets;
    private MultiDataSetPreProcessor preProcessor;

    public UnsupervisedIterator(ComputationGraph graph, DataSetIterator base) {
        this(graph.getConfiguration(), base);
    }

    public UnsupervisedIterator(ComputationGraphConfiguration configuration, DataSetIterator base) {
        if (configuration.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("configuration: expected a graph with one input, found "
                    + configuration.getNetworkInputs());
        }
        this.base = base;
        List<String> outputs = configuration.getNetworkOutputs();
        this.targets = new Target[outputs.size()];
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
    }

    @Override
    public MultiDataSet next(int num) {
        return adapt(base.next(num));
    }

    @Override
    public MultiDataSet next() {
        return adapt(base.next());
    }

    private MultiDataSet adapt(DataSet data) {
        INDArray features = data.getFeatures();
        Checks.finite("features", features);
        INDArray[] labels = new INDArray[targets.length];
        for (int i = 0; i < targets.length; i++) {
            switch (targets[i]) {
                case FEATURES:
                    labels[i] = features;
                    break;
                case NOTHING:
                    labels[i] = Nd4j.zeros(features.dataType(), features.size(0), 1);
                    break;
                default:
                    labels[i] = data.getLabels();
            }
        }
        MultiDataSet result = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features}, labels);
        if (preProcessor != null) {
            preProcessor.preProcess(result);
        }
        return result;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return base.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return base.asyncSupported();
    }

    @Override
    public void reset() {
        base.reset();
    }

    @Override
    public boolean hasNext() {
        return base.hasNext();
    }
}
