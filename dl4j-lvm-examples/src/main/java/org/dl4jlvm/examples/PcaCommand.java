package org.dl4jlvm.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.dl4jlvm.autoencoder.Autoencoder;
import org.dl4jlvm.autoencoder.AutoencoderGraphBuilder;
import org.dl4jlvm.autoencoder.CorruptionLayer;
import org.dl4jlvm.autoencoder.PcaInitializer;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.linear.Pca;
import org.dl4jlvm.linear.ProbabilisticPca;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.dl4jlvm.training.HostAdam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PCA, probabilistic PCA and four autoencoders with the same code size on Fashion-MNIST (pixels in [0, 1]):
 * linear (PCA-initialised and random), deep, deep PCA-initialised, and denoising (Gaussian noise); all with squared error.
 */
@Command(name = "pca", mixinStandardHelpOptions = true,
        description = "Fit PCA and PPCA to Fashion-MNIST and train linear, deep and denoising autoencoders of the same code "
                + "size; write reconstructions.png, components.png and metrics.json.")
public final class PcaCommand implements Callable<Integer> {
    private static final int CLASSES = 10;

    @Option(names = "--components", defaultValue = "32", description = "Code size Q of every model (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--epochs", defaultValue = "10", description = "Training epochs of each autoencoder (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--hidden", defaultValue = "256", split = ",",
            description = "Encoder hidden sizes of the deep autoencoders; the decoder mirrors them (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--noise", defaultValue = "0.2",
            description = "Standard deviation of the Gaussian noise the denoising autoencoder removes (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files (default: the system copy, else the bundled split).")
    Path data;

    @Option(names = "--out", defaultValue = "out/pca", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    private INDArray train;
    private INDArray test;
    private int[] trainLabels;

    @Override
    public Integer call() throws Exception {
        if (components < 1 || components >= 784) {
            throw new IllegalArgumentException("--components: must be between 1 and 783 (PPCA needs Q < D = 784), found " + components);
        }
        Checks.atLeastOne("--epochs", epochs);
        Checks.atLeastOne("--batch", batch);
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("--noise: must be a finite number >= 0, found " + noise);
        }
        CorruptionLayer corruption = new CorruptionLayer.Builder().gaussian(noise).build();
        long start = System.nanoTime();
        FashionMnist fashion = FashionMnist.load(data);
        train = fashion.trainImages;
        test = fashion.testImages;
        trainLabels = fashion.trainLabels;
        System.out.println("data: " + fashion.description);
        Files.createDirectories(out);

        int widest = Arrays.stream(hidden).max().orElse(components);
        Pca wide = Pca.fit(train, Math.max(components, widest));
        Pca pca = wide.truncate(components);
        double pcaError = meanSquaredError(test, pca::reconstruct);
        double explained = pca.explainedVarianceRatio().sumNumber().doubleValue();
        ProbabilisticPca ppca = ProbabilisticPca.from(pca);
        double ppcaNll = -Evaluation.mean(test, 1000, ppca::logLikelihood);
        System.out.printf("PCA (Q=%d): test MSE %.5f, explained variance %.3f; PPCA: test NLL %.1f nats (s2 = %.5f)%n",
                components, pcaError, explained, ppcaNll, ppca.noiseVariance());

        ComputationGraph linearPcaInit = graph(new AutoencoderGraphBuilder(784, components));
        PcaInitializer.initialize(linearPcaInit, pca);
        double[] linearPcaInitCurve = train("linear AE, PCA init", linearPcaInit);
        double[] linearCurve = train("linear AE", graph(new AutoencoderGraphBuilder(784, components)));
        ComputationGraph deepPcaInit = graph(deep());
        PcaInitializer.initialize(deepPcaInit, wide);
        double[] deepPcaInitCurve = train("deep AE, PCA init", deepPcaInit);
        ComputationGraph deep = graph(deep());
        double[] deepCurve = train("deep AE", deep);
        ComputationGraph denoising = graph(deep().corruption(corruption));
        double[] denoisingCurve = train("denoising AE", denoising);

        // the denoising task: noisy test images in, clean ones expected
        INDArray noisy = test.add(Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed + 1), test.shape())
                .castTo(test.dataType()).muli(noise));
        double deepDenoisingError = meanSquaredError(noisy, new Autoencoder(deep)::reconstruct);
        double denoisingError = meanSquaredError(noisy, new Autoencoder(denoising)::reconstruct);
        System.out.printf("noisy test images (std %.2f): MSE to the clean images %.5f (deep AE), %.5f (denoising AE)%n",
                noise, deepDenoisingError, denoisingError);

        int columns = 16;
        INDArray inputs = test.get(NDArrayIndex.interval(0, columns), NDArrayIndex.all());
        Pictures.grid(Nd4j.vstack(inputs, pca.reconstruct(inputs), new Autoencoder(deep).reconstruct(inputs),
                new Autoencoder(denoising).reconstruct(inputs)), columns, out.resolve("reconstructions.png"));
        INDArray shown = pca.components().transpose().get(NDArrayIndex.interval(0, Math.min(components, 32)), NDArrayIndex.all());
        Pictures.grid(shown.div(shown.amax(1).reshape(shown.size(0), 1).muli(2)).addi(0.5), 8, out.resolve("components.png"));

        new Metrics()
                .put("command", "pca")
                .put("dataset", fashion.description)
                .put("components", components)
                .put("epochs", epochs)
                .put("hidden", hidden)
                .put("noise", noise)
                .put("batch", batch)
                .put("seed", seed)
                .put("seconds", (System.nanoTime() - start) / 1e9)
                .put("explained_variance_ratio", explained)
                .put("test_mse_pca", pcaError)
                .put("test_nll_ppca_nats", ppcaNll)
                .put("ppca_noise_variance", ppca.noiseVariance())
                .put("test_mse_linear_ae_pca_init_step0", linearPcaInitCurve[0])
                .put("test_mse_linear_ae_pca_init", last(linearPcaInitCurve))
                .put("test_mse_linear_ae", last(linearCurve))
                .put("test_mse_deep_ae", last(deepCurve))
                .put("test_mse_deep_ae_pca_init", last(deepPcaInitCurve))
                .put("test_mse_denoising_ae", last(denoisingCurve))
                .put("noisy_test_mse_deep_ae", deepDenoisingError)
                .put("noisy_test_mse_denoising_ae", denoisingError)
                .put("epochs_to_pca_error_deep_ae", epochsToReach(deepCurve, pcaError))
                .put("epochs_to_pca_error_deep_ae_pca_init", epochsToReach(deepPcaInitCurve, pcaError))
                .put("test_mse_by_epoch_deep_ae", deepCurve)
                .put("test_mse_by_epoch_deep_ae_pca_init", deepPcaInitCurve)
                .put("test_mse_by_epoch_linear_ae", linearCurve)
                .put("test_mse_by_epoch_linear_ae_pca_init", linearPcaInitCurve)
                .write(out.resolve("metrics.json"));
        System.out.println("wrote " + out.toAbsolutePath() + ": reconstructions.png (rows: real, PCA, deep AE, denoising AE), "
                + "components.png, metrics.json");
        return 0;
    }

    /** The deep autoencoder: encoder {@code hidden}, code Q, decoder {@code hidden} reversed, ReLU. */
    private AutoencoderGraphBuilder deep() {
        int[] decoder = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            decoder[i] = hidden[hidden.length - 1 - i];
        }
        return new AutoencoderGraphBuilder(784, components).encoderSizes(hidden).decoderSizes(decoder);
    }

    private ComputationGraph graph(AutoencoderGraphBuilder builder) {
        ComputationGraph graph = new ComputationGraph(builder.updater(new HostAdam(1e-3)).seed(seed).build());
        graph.init();
        return graph;
    }

    /** Trains for {@code epochs}; returns the test MSE before training and after each epoch. */
    private double[] train(String name, ComputationGraph graph) {
        Autoencoder autoencoder = new Autoencoder(graph);
        double[] curve = new double[epochs + 1];
        curve[0] = meanSquaredError(test, autoencoder::reconstruct);
        ImageDataSetIterator batches = new ImageDataSetIterator(train, trainLabels, CLASSES, batch, true, false, seed);
        UnsupervisedIterator iterator = new UnsupervisedIterator(graph, batches);
        try (ProgressListener progress = new ProgressListener(name, (train.size(0) + batch - 1) / batch * epochs, "")) {
            graph.setListeners(progress);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                graph.fit(iterator);
                curve[epoch] = meanSquaredError(test, autoencoder::reconstruct);
            }
        }
        System.out.printf("%s: test MSE %.5f before training, %.5f after %d epochs%n", name, curve[0], curve[epochs], epochs);
        return curve;
    }

    /** Mean over test pixels of the squared error between the clean test images and the reconstructions of {@code inputs}. */
    private double meanSquaredError(INDArray inputs, java.util.function.UnaryOperator<INDArray> reconstruct) {
        long d = test.size(1);
        return Evaluation.mean(Nd4j.hstack(inputs, test), 1000, rows -> {
            INDArray clean = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d));
            INDArray reconstruction = reconstruct.apply(rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup());
            INDArray error = clean.sub(reconstruction.castTo(clean.dataType()));
            return error.muli(error).mean(1);
        });
    }

    private static double last(double[] curve) {
        return curve[curve.length - 1];
    }

    /** The first epoch whose test MSE is at most {@code target}, or null when none reached it. */
    private static Integer epochsToReach(double[] curve, double target) {
        for (int epoch = 0; epoch < curve.length; epoch++) {
            if (curve[epoch] <= target) {
                return epoch;
            }
        }
        return null;
    }
}
