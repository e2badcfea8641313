package org.dl4jlvm.training;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * sees them.
 */
public class UnsupervisedIterator implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final DataSetIterator base;
    private final UnsupervisedLabels labels;
    private MultiDataSetPreProcessor preProcessor;

    public UnsupervisedIterator(ComputationGraph graph, DataSetIterator base) {
        this(graph.getConfiguration(), base);
    }

    public UnsupervisedIterator(ComputationGraphConfiguration configuration, DataSetIterator base) {
        this.labels = UnsupervisedLabels.of(configuration);
        this.base = base;
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
        MultiDataSet result = labels.dataSet(data.getFeatures(), data.getLabels());
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
