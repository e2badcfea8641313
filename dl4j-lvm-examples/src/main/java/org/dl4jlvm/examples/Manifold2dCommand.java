package org.dl4jlvm.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dl4jlvm.autoencoder.Autoencoder;
import org.dl4jlvm.autoencoder.AutoencoderGraphBuilder;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.linear.Pca;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.dl4jlvm.training.HostAdam;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A 1-D manifold in 2-D: points near the curve {@code (2t, sin(pi t))}, t uniform in [-1, 1], plus isotropic
 * Gaussian noise. PCA with Q = 1 can only project them onto a line; an autoencoder with a code of width 1 follows
 * the curve.
 */
@Command(name = "manifold2d", mixinStandardHelpOptions = true,
        description = "Reconstruct a noisy curve in 2-D with PCA (Q = 1) and an autoencoder (Q = 1); write "
                + "reconstruction2d.png (data in grey, reconstructions in red) and metrics.json.")
public final class Manifold2dCommand implements Callable<Integer> {

    @Option(names = "--points", defaultValue = "2000", description = "Training points (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--noise", defaultValue = "0.1", description = "Standard deviation of the noise (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--epochs", defaultValue = "200", description = "Training epochs of the autoencoder (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out/manifold2d", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Checks.atLeastOne("--points", points);
        Checks.atLeastOne("--epochs", epochs);
        Checks.nonNegative("--noise", noise);
        long start = System.nanoTime();
        Files.createDirectories(out);
        INDArray train = curve(points, seed);
        INDArray test = curve(1000, seed + 1);

        Pca pca = Pca.fit(train, 1);
        ComputationGraph graph = new ComputationGraph(new AutoencoderGraphBuilder(2, 1).encoderSizes(64, 64)
                .decoderSizes(64, 64).activation(Activation.TANH).updater(new HostAdam(3e-3)).seed(seed).build());
        graph.init();
        ImageDataSetIterator batches = new ImageDataSetIterator(train, new int[points], 1, 128, true, false, seed);
        try (ProgressListener progress = new ProgressListener("autoencoder", (points + 127) / 128 * (long) epochs, "")) {
            graph.setListeners(progress);
            graph.fit(new UnsupervisedIterator(graph, batches), epochs);
        }
        Autoencoder autoencoder = new Autoencoder(graph);
        double pcaError = squaredDistance(test, pca.reconstruct(test));
        double autoencoderError = squaredDistance(test, autoencoder.reconstruct(test));
        System.out.printf("test squared distance to the reconstruction: PCA %.4f, autoencoder %.4f (noise alone: %.4f)%n",
                pcaError, autoencoderError, 2 * noise * noise);

        double[] window = Plots2D.window(test);
        Plots2D.scatter(window, List.of(new INDArray[] {test, pca.reconstruct(test)},
                new INDArray[] {test, autoencoder.reconstruct(test)}), out.resolve("reconstruction2d.png"));
        new Metrics()
                .put("command", "manifold2d")
                .put("points", points)
                .put("noise", noise)
                .put("epochs", epochs)
                .put("seed", seed)
                .put("seconds", (System.nanoTime() - start) / 1e9)
                .put("test_squared_distance_pca", pcaError)
                .put("test_squared_distance_ae", autoencoderError)
                .write(out.resolve("metrics.json"));
        System.out.println("wrote " + out.toAbsolutePath() + ": reconstruction2d.png (left PCA, right autoencoder), metrics.json");
        return 0;
    }

    /** n points (2t, sin(pi t)) + noise, t uniform in [-1, 1]. */
    private INDArray curve(int n, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray t = Nd4j.rand(random, new long[] {n, 1}).castTo(DataType.FLOAT).muli(2).subi(1);
        INDArray clean = Nd4j.hstack(t.mul(2), Transforms.sin(t.mul(Math.PI), false));
        return clean.addi(Nd4j.randn(random, new long[] {n, 2}).castTo(DataType.FLOAT).muli(noise));
    }

    /** Mean over points of the squared distance to their reconstructions. */
    private static double squaredDistance(INDArray points, INDArray reconstructions) {
        INDArray difference = points.sub(reconstructions.castTo(points.dataType()));
        return difference.muli(difference).sum(1).meanNumber().doubleValue();
    }
}
