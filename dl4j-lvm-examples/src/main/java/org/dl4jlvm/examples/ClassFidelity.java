package org.dl4jlvm.examples;

import java.util.function.IntFunction;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Whether a conditional model's samples show the class they were drawn for: a softmax regression, trained on the real
 * training images and independent of the model, labels real test images and the samples of each class. A model whose
 * samples are as recognisable as real images scores a sample accuracy near the real one; one that ignores its class,
 * about 1 / K.
 */
final class ClassFidelity {
    private static final int EPOCHS = 5;
    private static final int BATCH = 128;

    /** The classifier's accuracy on the real test images and on the samples, overall and per class. */
    static final class Result {
        final double realAccuracy;
        final double sampleAccuracy;
        final double[] sampleAccuracyPerClass;

        private Result(double realAccuracy, double sampleAccuracy, double[] sampleAccuracyPerClass) {
            this.realAccuracy = realAccuracy;
            this.sampleAccuracy = sampleAccuracy;
            this.sampleAccuracyPerClass = sampleAccuracyPerClass;
        }

        /** The samples' accuracy as a share of the real images' accuracy. */
        double ratio() {
            return sampleAccuracy / realAccuracy;
        }
    }

    private ClassFidelity() {
    }

    /**
     * Trains the classifier on {@code train} (rows of images in the samples' units) and scores it on {@code test} and
     * on {@code samplesOf.apply(k)}, the samples of class k, for every class.
     */
    static Result measure(INDArray train, int[] trainLabels, INDArray test, int[] testLabels, int classes,
            IntFunction<INDArray> samplesOf, long seed) {
        MultiLayerNetwork classifier = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).dataType(train.dataType()).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(train.size(1)).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build());
        classifier.init();
        classifier.fit(new ImageDataSetIterator(train, trainLabels, classes, BATCH, true, false, seed), EPOCHS);
        double real = accuracy(classifier, test, testLabels);
        double[] perClass = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            INDArray samples = samplesOf.apply(k);
            int[] labels = new int[(int) samples.size(0)];
            java.util.Arrays.fill(labels, k);
            perClass[k] = accuracy(classifier, samples, labels);
            sum += perClass[k];
        }
        return new Result(real, sum / classes, perClass);
    }

    private static double accuracy(MultiLayerNetwork classifier, INDArray images, int[] labels) {
        INDArray predicted = classifier.output(images, false).argMax(1);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted.getInt(i) == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }
}
