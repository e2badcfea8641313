package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dl4jlvm.api.LatentSpace;
import org.dl4jlvm.api.LatentVariableModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Pictures of a model's latent space on Fashion-MNIST: interpolations, an attribute vector and a 2-D embedding. */
final class LatentPictures {
    static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
        "Bag", "Ankle boot"};
    private static final int T_SHIRT = 0;
    private static final int PULLOVER = 2;
    static final List<String> NAMES = List.of("interpolation.png", "attribute.png", "embedding.png");

    private LatentPictures() {
    }

    /**
     * Writes {@code interpolation.png} (rows: decoded paths between pairs of test images of different classes),
     * {@code attribute.png} (rows: T-shirts, then T-shirts plus 0.5, 1 and 1.5 times the "long sleeves" vector,
     * mean latent of pullovers minus that of T-shirts) and {@code embedding.png} (test images in 2-D, by class).
     */
    static void write(LatentVariableModel model, INDArray images, int[] labels, Path out) throws IOException {
        int steps = 10;
        List<INDArray> paths = new ArrayList<>();
        for (int pair = 0; pair < 6; pair++) {
            int from = first(labels, pair % 10, 0);
            int to = first(labels, (pair * 3 + 5) % 10, 0);
            paths.add(LatentSpace.interpolate(model, images.getRow(from, true), images.getRow(to, true), steps));
        }
        Pictures.grid(Nd4j.vstack(paths), steps, out.resolve("interpolation.png"));

        INDArray vector = LatentSpace.attributeVector(model, rowsOf(images, labels, PULLOVER), rowsOf(images, labels, T_SHIRT));
        INDArray shirts = rowsOf(images, labels, T_SHIRT).get(NDArrayIndex.interval(0, 8), NDArrayIndex.all());
        Pictures.grid(Nd4j.vstack(shirts, LatentSpace.addAttribute(model, shirts, vector, 0.5, 1.0, 1.5)), 8,
                out.resolve("attribute.png"));

        int shown = (int) Math.min(3000, images.size(0));
        INDArray embedding = LatentSpace.embedding2d(model, images.get(NDArrayIndex.interval(0, shown), NDArrayIndex.all()));
        Plots2D.labelled(embedding, java.util.Arrays.copyOf(labels, shown), CLASSES, out.resolve("embedding.png"));
    }

    private static int first(int[] labels, int label, int from) {
        for (int i = from; i < labels.length; i++) {
            if (labels[i] == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("labels: no example of class " + label);
    }

    private static INDArray rowsOf(INDArray images, int[] labels, int label) {
        long[] rows = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).asLongStream().toArray();
        return images.get(NDArrayIndex.indices(rows), NDArrayIndex.all());
    }
}
