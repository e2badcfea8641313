package org.dl4jlvm.sbi;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Standardization;
import org.dl4jlvm.training.HostAdam;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The classifier two-sample test as sbibm computes it (Lopez-Paz and Oquab, Revisiting classifier two-sample tests,
 * 2017, arXiv:1610.06545; Lueckmann et al. 2021): both samples z-scored by the first one's means and deviations, an
 * MLP with two hidden ReLU layers of 10 D units trained with Adam to tell them apart, and its accuracy on held-out
 * folds of a 5-fold split, averaged. 0.5 means the classifier cannot tell the samples apart; 1.0 that it always can.
 */
public final class ClassifierTwoSampleTest {
    static final int FOLDS = 5;
    private static final int BATCH = 200;
    private static final int MAX_EPOCHS = 200;
    /** Training stops when the epoch's loss has not fallen by this much for {@value #PATIENCE} epochs (sklearn's). */
    private static final double TOLERANCE = 1e-4;
    private static final int PATIENCE = 10;

    private ClassifierTwoSampleTest() {
    }

    /** The mean held-out accuracy telling {@code reference} ({@code [n, D]}) from {@code other} ({@code [m, D]}). */
    public static double accuracy(double[][] reference, double[][] other, long seed) {
        return accuracy(reference, other, seed, MAX_EPOCHS);
    }

    /** As {@link #accuracy(double[][], double[][], long)}, each classifier trained for at most {@code maxEpochs}. */
    static double accuracy(double[][] reference, double[][] other, long seed, int maxEpochs) {
        int d = reference[0].length;
        double[][] meanAndScale = Standardization.meanAndScale(Nd4j.createFromArray(reference));
        double[] mean = meanAndScale[0];
        double[] scale = meanAndScale[1];
        int n = reference.length + other.length;
        double[][] features = new double[n][d];
        double[][] labels = new double[n][2];
        for (int i = 0; i < n; i++) {
            double[] row = i < reference.length ? reference[i] : other[i - reference.length];
            for (int j = 0; j < d; j++) {
                features[i][j] = (row[j] - mean[j]) / scale[j];
            }
            labels[i][i < reference.length ? 0 : 1] = 1;
        }
        INDArray x = Nd4j.createFromArray(features).castTo(DataType.FLOAT);
        INDArray y = Nd4j.createFromArray(labels).castTo(DataType.FLOAT);
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        double sum = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            int from = (int) ((long) n * fold / FOLDS);
            int to = (int) ((long) n * (fold + 1) / FOLDS);
            int[] held = order.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
            int[] kept = java.util.stream.IntStream.concat(order.subList(0, from).stream().mapToInt(Integer::intValue),
                    order.subList(to, n).stream().mapToInt(Integer::intValue)).toArray();
            MultiLayerNetwork classifier = train(x.getRows(kept), y.getRows(kept), d, seed + fold, maxEpochs);
            INDArray predicted = classifier.output(x.getRows(held)).argMax(1);
            INDArray actual = y.getRows(held).argMax(1);
            sum += predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue() / FOLDS;
        }
        return sum;
    }

    private static MultiLayerNetwork train(INDArray x, INDArray y, int d, long seed, int maxEpochs) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new HostAdam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(d).nOut(10 * d).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(10 * d).nOut(10 * d).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10 * d).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        double best = Double.POSITIVE_INFINITY;
        int stale = 0;
        // reshuffled at every reset; DataSet.batchBy, which splits into single examples and merges them again, took
        // most of the time
        ImageDataSetIterator batches = new ImageDataSetIterator(x, y, BATCH, true, seed);
        for (int epoch = 0; epoch < maxEpochs && stale < PATIENCE; epoch++) {
            batches.reset();
            double loss = 0;
            int count = 0;
            while (batches.hasNext()) {
                network.fit(batches.next());
                loss += network.score();
                count++;
            }
            loss /= count;
            stale = loss < best - TOLERANCE ? 0 : stale + 1;
            best = Math.min(best, loss);
        }
        return network;
    }
}
