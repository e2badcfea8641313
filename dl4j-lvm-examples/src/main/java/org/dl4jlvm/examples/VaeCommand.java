package org.dl4jlvm.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.Binarization;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.dl4jlvm.training.HeldOutScore;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a Bernoulli VAE (784-512-256-(2x Q) / Q-256-512-784) on binarised Fashion-MNIST. */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = "Train a VAE on binarised Fashion-MNIST; write reconstructions.png, samples.png, "
                + "manifold.png (latent 2), interpolation.png, attribute.png, embedding.png, objective.csv and metrics.json.")
public final class VaeCommand implements Callable<Integer> {
    private static final int CLASSES = 10;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--latent", defaultValue = "32", description = "Latent size Q (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights, binarisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files (default: the system copy, else the bundled split).")
    Path data;

    @Option(names = "--out", defaultValue = "out/vae", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--binarization", defaultValue = "STATIC",
            description = "STATIC, DYNAMIC or THRESHOLD (default: ${DEFAULT-VALUE}).")
    Binarization binarization;

    @Option(names = "--iwae-k", defaultValue = "100", description = "Samples of the importance-weighted bound (default: ${DEFAULT-VALUE}).")
    int iwaeK;

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws Exception {
        Checks.atLeastOne("--epochs", epochs);
        Checks.atLeastOne("--latent", latent);
        Checks.atLeastOne("--batch", batch);
        Checks.atLeastOne("--iwae-k", iwaeK);
        if (binarization == Binarization.NONE) {
            throw new IllegalArgumentException("--binarization: a Bernoulli VAE needs binary data; expected STATIC, DYNAMIC or THRESHOLD, found NONE");
        }
        long start = System.nanoTime();
        FashionMnist fashion = FashionMnist.load(data);
        System.out.println("data: " + fashion.description + ", binarisation " + binarization);
        Files.createDirectories(out);

        Trainer trainer = new Trainer(training, out, "vae");
        INDArray train = binarization.applyOnce(fashion.trainImages, seed);
        INDArray test = (binarization == Binarization.DYNAMIC ? Binarization.STATIC : binarization)
                .applyOnce(fashion.testImages, seed + 1);
        int[] trainLabels = fashion.trainLabels;
        INDArray validation = null;
        if (training.patience > 0) {
            long kept = train.size(0) - train.size(0) / 10;
            validation = train.get(NDArrayIndex.interval(kept, train.size(0)), NDArrayIndex.all());
            train = train.get(NDArrayIndex.interval(0, kept), NDArrayIndex.all());
            trainLabels = java.util.Arrays.copyOf(trainLabels, (int) kept);
            System.out.println("early stopping on the negative ELBO of the last " + validation.size(0) + " training images");
        }
        ImageDataSetIterator trainData = new ImageDataSetIterator(train, trainLabels, CLASSES, batch, true,
                binarization == Binarization.DYNAMIC, seed);

        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(784, latent)
                .encoderSizes(512, 256).decoderSizes(256, 512).likelihood(new BernoulliLikelihood()).seed(seed).build());
        graph.init();
        graph = trainer.start(graph);

        long iterationsPerEpoch = (train.size(0) + batch - 1) / batch;
        graph = trainer.fit(graph, new UnsupervisedIterator(graph, trainData), iterationsPerEpoch, iterationsPerEpoch * epochs,
                iterationsPerEpoch, new VaeObjectiveParts(graph),
                validation == null ? null : new HeldOutScore(validation, 500, g -> new Vae(g, seed)));

        Vae vae = new Vae(graph, seed);
        double negElbo = Evaluation.mean(test, 500, x -> vae.negElbo(x, 1));
        System.out.printf("test negative ELBO: %.2f nats%n", negElbo);
        double iwae = Evaluation.mean(test, Math.max(1, 10_000 / iwaeK), x -> vae.negLogLikelihoodIwae(x, iwaeK));
        System.out.printf("test importance-weighted bound (k=%d): %.2f nats%n", iwaeK, iwae);

        writePictures(vae, test);
        LatentPictures.write(vae, fashion.testImages, fashion.testLabels, out);
        Metrics metrics = new Metrics()
                .put("command", "vae")
                .put("dataset", fashion.description)
                .put("binarization", binarization.toString())
                .put("epochs", epochs)
                .put("latent", latent)
                .put("batch", batch)
                .put("seed", seed)
                .put("train_examples", train.size(0))
                .put("test_examples", test.size(0))
                .put("seconds", (System.nanoTime() - start) / 1e9)
                .put("test_neg_elbo_nats", negElbo)
                .put("test_nll_iwae_nats", iwae)
                .put("iwae_k", iwaeK)
                .put("iterations", graph.getIterationCount());
        trainer.putSpeed(metrics);
        metrics.write(out.resolve("metrics.json"));
        System.out.println("wrote " + out.toAbsolutePath() + ": reconstructions.png, samples.png"
                + (latent == 2 ? ", manifold.png" : "") + ", " + String.join(", ", LatentPictures.NAMES) + ", objective.csv, metrics.json");
        return 0;
    }

    private void writePictures(Vae vae, INDArray test) throws java.io.IOException {
        int columns = 16;
        INDArray inputs = test.get(NDArrayIndex.interval(0, columns), NDArrayIndex.all());
        Pictures.grid(Nd4j.vstack(inputs, vae.reconstruct(inputs)), columns, out.resolve("reconstructions.png"));
        Pictures.grid(vae.sampleMeans(64, seed), 8, out.resolve("samples.png"));
        if (latent == 2) {
            int side = 20;
            NormalDistribution normal = new NormalDistribution();
            INDArray grid = Nd4j.create(vae.graph().params().dataType(), side * side, 2);
            for (int row = 0; row < side; row++) {
                for (int col = 0; col < side; col++) {
                    grid.putScalar(row * side + col, 0, normal.inverseCumulativeProbability((col + 0.5) / side));
                    grid.putScalar(row * side + col, 1, normal.inverseCumulativeProbability(1 - (row + 0.5) / side));
                }
            }
            Pictures.grid(vae.decode(grid), side, out.resolve("manifold.png"));
        }
    }
}
