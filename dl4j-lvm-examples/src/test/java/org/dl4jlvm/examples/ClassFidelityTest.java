package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The class-fidelity measure tells a model whose samples show their class from one whose samples ignore it: real test
 * images of each class score as well as the test set, the same images handed out whatever the class about 1 / 10.
 */
class ClassFidelityTest {

    @Test
    void realImagesOfTheClassScoreLikeTheTestSetAndClassBlindSamplesScoreChance(@TempDir Path parent) throws Exception {
        FashionMnist fashion = FashionMnist.load(CommandOutputs.bundledData(parent));
        INDArray train = fashion.trainImages.get(NDArrayIndex.interval(0, 8000), NDArrayIndex.all());
        int[] trainLabels = java.util.Arrays.copyOf(fashion.trainLabels, 8000);
        INDArray test = fashion.testImages.get(NDArrayIndex.interval(8000, 10_000), NDArrayIndex.all());
        int[] testLabels = java.util.Arrays.copyOfRange(fashion.testLabels, 8000, 10_000);

        ClassFidelity.Result faithful = ClassFidelity.measure(train, trainLabels, test, testLabels, 10,
                k -> test.getRows(indicesOf(testLabels, k)), 1);
        assertTrue(faithful.realAccuracy > 0.7, "softmax regression on Fashion-MNIST: " + faithful.realAccuracy);
        assertEquals(faithful.realAccuracy, faithful.sampleAccuracy, 0.03, "the test images, grouped by class");
        assertEquals(1.0, faithful.ratio(), 0.04);

        ClassFidelity.Result blind = ClassFidelity.measure(train, trainLabels, test, testLabels, 10,
                k -> test.get(NDArrayIndex.interval(0, 200), NDArrayIndex.all()), 1);
        assertEquals(0.1, blind.sampleAccuracy, 0.03, "the same 200 images for every class");
        assertTrue(blind.ratio() < 0.2, "ratio " + blind.ratio());
    }

    private static int[] indicesOf(int[] labels, int k) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == k) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
