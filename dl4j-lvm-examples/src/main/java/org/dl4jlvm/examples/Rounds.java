package org.dl4jlvm.examples;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A fixed number of minibatches from an endless cycle over a source iterator: one "epoch" for DL4J, of any
 * length. Resetting starts a new round where the last one stopped, not the source. Not asynchronous, so DL4J
 * takes exactly the batches it trains on.
 */
final class Rounds implements MultiDataSetIterator {
    private final MultiDataSetIterator source;
    private long size;
    private long taken;
    private long examples;

    Rounds(MultiDataSetIterator source, long size) {
        this.source = source;
        this.size = size;
    }

    /** Sets the length of the following rounds. */
    void size(long batches) {
        this.size = batches;
    }

    /** Skips {@code batches} minibatches of the source without training on them. */
    void skip(long batches) {
        for (long i = 0; i < batches; i++) {
            nextOfSource();
        }
    }

    private MultiDataSet nextOfSource() {
        if (!source.hasNext()) {
            source.reset();
        }
        return source.next();
    }

    @Override
    public boolean hasNext() {
        return taken < size;
    }

    /** The examples of every minibatch handed out for training so far (not those skipped). */
    long examples() {
        return examples;
    }

    @Override
    public MultiDataSet next() {
        taken++;
        MultiDataSet batch = nextOfSource();
        examples += batch.getFeatures(0).size(0);
        return batch;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("next(num)");
    }

    @Override
    public void reset() {
        taken = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        source.setPreProcessor(preProcessor);
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return source.getPreProcessor();
    }
}
