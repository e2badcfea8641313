package org.dl4jlvm.data;

import java.util.List;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DataSetIterator} over flattened images [N, D] with integer labels (one-hot in the data sets),
 * reshuffled every epoch with a seed, and optionally binarised dynamically (a fresh Bernoulli draw of every
 * batch). The last batch may be smaller.
 */
public class ImageDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final INDArray features;
    /** A row per example: the one-hot classes, or the label rows given. */
    private final INDArray labels;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dynamicBinarization;
    private final Random random;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * @param features            [N, D] values
     * @param labels              N labels in [0, classes)
     * @param classes             number of classes
     * @param batchSize           examples per batch
     * @param shuffle             reshuffle at every reset
     * @param dynamicBinarization serve a fresh Bernoulli draw of each batch (features must be in [0, 1])
     * @param seed                seed of the shuffling and binarisation
     */
    public ImageDataSetIterator(INDArray features, int[] labels, int classes, int batchSize, boolean shuffle,
            boolean dynamicBinarization, long seed) {
        this(features, oneHot(features, labels, classes), batchSize, shuffle, dynamicBinarization, seed);
    }

    /**
     * Over rows of features with rows of labels (any values: a conditional model's context, say), without
     * binarisation.
     *
     * @param features  [N, D] values
     * @param labels    [N, L] values, a row per example
     * @param batchSize examples per batch
     * @param shuffle   reshuffle at every reset
     * @param seed      seed of the shuffling
     */
    public ImageDataSetIterator(INDArray features, INDArray labels, int batchSize, boolean shuffle, long seed) {
        this(features, checkedRows(features, labels), batchSize, shuffle, false, seed);
    }

    private ImageDataSetIterator(INDArray features, INDArray labelRows, int batchSize, boolean shuffle,
            boolean dynamicBinarization, long seed) {
        this.features = features;
        this.labels = labelRows;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dynamicBinarization = dynamicBinarization;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Checks.atLeastOne("batchSize", batchSize);
        reset();
    }

    private static INDArray checkedFeatures(INDArray features) {
        Checks.matrix("features", features);
        Checks.finite("features", features);
        return features;
    }

    private static INDArray oneHot(INDArray features, int[] labels, int classes) {
        checkedFeatures(features);
        if (labels.length != features.size(0)) {
            throw new IllegalArgumentException("labels: expected " + features.size(0) + " (one per row of features), found "
                    + labels.length);
        }
        return oneHot(labels, classes, features.dataType());
    }

    /** One-hot rows {@code [N, classes]} of the labels, each in [0, classes). */
    public static INDArray oneHot(int[] labels, int classes, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray oneHot = Nd4j.zeros(type, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "]: expected a class in [0, " + classes + "), found "
                        + labels[i]);
            }
            oneHot.putScalar(i, labels[i], 1.0);
        }
        return oneHot;
    }

    private static INDArray checkedRows(INDArray features, INDArray labels) {
        checkedFeatures(features);
        Checks.matrix("labels", labels);
        Checks.finite("labels", labels);
        if (labels.size(0) != features.size(0)) {
            throw new IllegalArgumentException("labels: expected " + features.size(0) + " rows (one per row of features), "
                    + "found " + labels.size(0));
        }
        return labels;
    }

    @Override
    public DataSet next(int num) {
        int end = Math.min(cursor + num, order.length);
        int[] rows = java.util.Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        INDArray x = Rows.gather(features, rows);
        if (dynamicBinarization) {
            x = Binarization.sample(x, random);
        }
        DataSet data = new DataSet(x, Rows.gather(labels, rows));
        if (preProcessor != null) {
            preProcessor.preProcess(data);
        }
        return data;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public void reset() {
        cursor = 0;
        order = new int[(int) features.size(0)];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
