package org.dl4jlvm.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.dl4jlvm.data.IdxReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Fashion-MNIST for the examples, from the first of: an IDX folder given with {@code --data}, Debian's
 * {@code dataset-fashion-mnist} at /usr/share/datasets/fashion-mnist, or the test split bundled in this jar
 * (split 9,000 train / 1,000 test). Pixels are in [0, 1].
 */
public final class FashionMnist {
    public static final Path SYSTEM_FOLDER = Paths.get("/usr/share/datasets/fashion-mnist");
    private static final String BUNDLED = "/org/dl4jlvm/examples/fashion-mnist/";
    private static final int BUNDLED_TRAIN = 9000;

    public final INDArray trainImages;
    public final int[] trainLabels;
    public final INDArray testImages;
    public final int[] testLabels;
    /** Where the data came from, for the log and metrics.json. */
    public final String description;

    private FashionMnist(INDArray trainImages, int[] trainLabels, INDArray testImages, int[] testLabels, String description) {
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.testImages = testImages;
        this.testLabels = testLabels;
        this.description = description;
    }

    /** Loads from {@code folder} when given (it must hold the four IDX files), else the system copy, else the bundle. */
    public static FashionMnist load(Path folder) throws IOException {
        if (folder != null) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--data: expected a folder of IDX files, found no folder at " + folder);
            }
            return fromFolder(folder);
        }
        if (Files.isRegularFile(find(SYSTEM_FOLDER, "train-images-idx3-ubyte", false))) {
            return fromFolder(SYSTEM_FOLDER);
        }
        return bundled();
    }

    private static FashionMnist fromFolder(Path folder) throws IOException {
        INDArray train = IdxReader.readImages(find(folder, "train-images-idx3-ubyte", true));
        int[] trainLabels = IdxReader.readLabels(find(folder, "train-labels-idx1-ubyte", true));
        INDArray test = IdxReader.readImages(find(folder, "t10k-images-idx3-ubyte", true));
        int[] testLabels = IdxReader.readLabels(find(folder, "t10k-labels-idx1-ubyte", true));
        return new FashionMnist(train, trainLabels, test, testLabels,
                "Fashion-MNIST from " + folder + " (" + train.size(0) + " train / " + test.size(0) + " test)");
    }

    private static Path find(Path folder, String name, boolean required) {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path path = folder.resolve(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        if (required) {
            throw new IllegalArgumentException("--data: expected " + name + "[.gz] in " + folder + ", found none");
        }
        return folder.resolve(name);
    }

    private static FashionMnist bundled() throws IOException {
        INDArray images;
        int[] labels;
        try (InputStream in = FashionMnist.class.getResourceAsStream(BUNDLED + "t10k-images-idx3-ubyte.gz")) {
            images = IdxReader.readImages(in, "bundled t10k images");
        }
        try (InputStream in = FashionMnist.class.getResourceAsStream(BUNDLED + "t10k-labels-idx1-ubyte.gz")) {
            labels = IdxReader.readLabels(in, "bundled t10k labels");
        }
        INDArray train = images.get(NDArrayIndex.interval(0, BUNDLED_TRAIN), NDArrayIndex.all()).dup();
        INDArray test = images.get(NDArrayIndex.interval(BUNDLED_TRAIN, images.size(0)), NDArrayIndex.all()).dup();
        return new FashionMnist(train, java.util.Arrays.copyOfRange(labels, 0, BUNDLED_TRAIN), test,
                java.util.Arrays.copyOfRange(labels, BUNDLED_TRAIN, labels.length),
                "bundled Fashion-MNIST test split (" + train.size(0) + " train / " + test.size(0) + " test)");
    }
}
