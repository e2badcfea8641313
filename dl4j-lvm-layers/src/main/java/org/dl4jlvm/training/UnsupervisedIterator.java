package org.dl4jlvm.training;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Adapts any {@link DataSetIterator} to a graph with this library's output heads, so that
 * {@code graph.fit(new UnsupervisedIterator(graph, iterator))} trains it: each head that scores the
 * features (a reconstruction likelihood) gets the features as labels, each head that ignores its labels
 * (a KL regulariser, a flow's base density) gets a [batch, 1] column of zeros, and any other output layer
 * gets the data set's own labels. Features with NaN or infinite values are rejected before training
 * sees them. A graph with a second input (a conditional model's context) gets there the labels of a {@link DataSet}, or
 * the second features array of a {@link MultiDataSet} from a {@link MultiDataSetIterator}.
 */
public class UnsupervisedIterator implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final DataSetIterator base;
    private final MultiDataSetIterator multiBase;
    private final UnsupervisedLabels labels;
    private MultiDataSetPreProcessor preProcessor;

    public UnsupervisedIterator(ComputationGraph graph, DataSetIterator base) {
        this(graph.getConfiguration(), base);
    }

    public UnsupervisedIterator(ComputationGraphConfiguration configuration, DataSetIterator base) {
        this.labels = UnsupervisedLabels.of(configuration);
        this.base = java.util.Objects.requireNonNull(base, "base");
        this.multiBase = null;
    }

    /** Over minibatches whose features are x and, for a conditional graph, the context; their labels feed other heads. */
    public UnsupervisedIterator(ComputationGraph graph, MultiDataSetIterator base) {
        this.labels = UnsupervisedLabels.of(graph.getConfiguration());
        this.base = null;
        this.multiBase = java.util.Objects.requireNonNull(base, "base");
    }

    @Override
    public MultiDataSet next(int num) {
        return base != null ? adapt(base.next(num)) : adapt(multiBase.next(num));
    }

    @Override
    public MultiDataSet next() {
        return base != null ? adapt(base.next()) : adapt(multiBase.next());
    }

    private MultiDataSet adapt(DataSet data) {
        return preProcessed(labels.dataSet(data.getFeatures(), data.getLabels()));
    }

    private MultiDataSet adapt(MultiDataSet data) {
        INDArray[] outputLabels = data.getLabels();
        return preProcessed(labels.dataSet(data.getFeatures(), outputLabels == null || outputLabels.length == 0 ? null
                : outputLabels[0]));
    }

    private MultiDataSet preProcessed(MultiDataSet result) {
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
        return base != null ? base.resetSupported() : multiBase.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return base != null ? base.asyncSupported() : multiBase.asyncSupported();
    }

    @Override
    public void reset() {
        if (base != null) {
            base.reset();
        } else {
            multiBase.reset();
        }
    }

    @Override
    public boolean hasNext() {
        return base != null ? base.hasNext() : multiBase.hasNext();
    }
}
