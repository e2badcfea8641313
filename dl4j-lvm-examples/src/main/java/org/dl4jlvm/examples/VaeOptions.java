package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.Binarization;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.FlowPosterior;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.models.ConvolutionalDecoder;
import org.dl4jlvm.models.ConvolutionalEncoder;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Option;

/**
 * The model and data of the VAE commands (on one machine and on Spark): a Bernoulli VAE
 * (784-512-256-(2x Q) / Q-256-512-784) on binarised Fashion-MNIST, and what a run writes after training.
 */
final class VaeOptions {
    static final int CLASSES = 10;

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

    @Option(names = "--architecture", defaultValue = "dense",
            description = "dense (784-512-256 and back) or conv (4x4 stride-2 convolutions to 32 and 64 channels, dense 256,"
                    + " and transposed convolutions back) (default: ${DEFAULT-VALUE}).")
    Architecture architecture;

    /** The encoder and decoder bodies of the command's VAE. */
    enum Architecture {
        dense, conv
    }

    @Option(names = "--posterior", defaultValue = "gaussian",
            description = "q(z | x): gaussian, iaf (inverse autoregressive steps amortised by the encoder) or planar "
                    + "(global planar steps) (default: ${DEFAULT-VALUE}).")
    PosteriorKind posterior;

    /** The approximate posteriors of the command. */
    enum PosteriorKind {
        gaussian, iaf, planar
    }

    @Option(names = "--posterior-steps", defaultValue = "4",
            description = "Flow steps of an iaf or planar posterior (default: ${DEFAULT-VALUE}).")
    int posteriorSteps;

    @Option(names = "--posterior-hidden", defaultValue = "128,128", split = ",",
            description = "Hidden sizes of each iaf step's MADE conditioner (default: ${DEFAULT-VALUE}).")
    int[] posteriorHidden;

    @Option(names = "--posterior-context", defaultValue = "64",
            description = "Width of the context h through which the encoder amortises the iaf steps; 0 for global steps "
                    + "(default: ${DEFAULT-VALUE}).")
    int posteriorContext;

    @Option(names = "--conditional",
            description = "A conditional VAE, p(x | class): the one-hot class reaches the encoder, every decoder layer and "
                    + "a learned prior p(z | class); samples.png draws one row per class.")
    boolean conditional;

    @Option(names = "--standard-prior",
            description = "With --conditional: the prior N(0, I) instead of the learned p(z | class).")
    boolean standardPrior;

    @Option(names = "--kl-warmup", defaultValue = "0",
            description = "KL annealing: the KL term's weight rises linearly from 0 to 1 over this many iterations; "
                    + "the test bounds are always the full ELBO (default: ${DEFAULT-VALUE}).")
    int klWarmup;

    @Option(names = "--weight-init", defaultValue = "XAVIER",
            description = "Initial weights, a DL4J WeightInit: XAVIER, or UNIFORM (PyTorch's default for linear layers) "
                    + "(default: ${DEFAULT-VALUE}).")
    WeightInit weightInit;

    @Option(names = "--iwae-k", defaultValue = "100", description = "Samples of the importance-weighted bound (default: ${DEFAULT-VALUE}).")
    int iwaeK;

    /** The data of one run: Fashion-MNIST and its binarised training and test images. */
    static final class Data {
        final FashionMnist fashion;
        final INDArray train;
        final INDArray test;

        private Data(FashionMnist fashion, INDArray train, INDArray test) {
            this.fashion = fashion;
            this.train = train;
            this.test = test;
        }
    }

    /** Fails with a message naming the option when a value is out of range. */
    void check() {
        Checks.atLeastOne("--epochs", epochs);
        Checks.atLeastOne("--latent", latent);
        Checks.atLeastOne("--batch", batch);
        Checks.atLeastOne("--iwae-k", iwaeK);
        Checks.atLeastOne("--posterior-steps", posteriorSteps);
        Checks.nonNegative("--posterior-context", posteriorContext);
        Checks.nonNegative("--kl-warmup", klWarmup);
        for (int size : posteriorHidden) {
            Checks.atLeastOne("--posterior-hidden", size);
        }
        if (standardPrior && !conditional) {
            throw new IllegalArgumentException("--standard-prior: only with --conditional (an unconditional VAE's prior is N(0, I))");
        }
        if (conditional && !standardPrior && posterior != PosteriorKind.gaussian) {
            throw new IllegalArgumentException("--posterior " + posterior + ": a flow posterior goes with the prior N(0, I); "
                    + "add --standard-prior to --conditional");
        }
        if (binarization == Binarization.NONE) {
            throw new IllegalArgumentException("--binarization: a Bernoulli VAE needs binary data; expected STATIC, DYNAMIC or THRESHOLD, found NONE");
        }
    }

    /** Loads Fashion-MNIST, binarises it once as asked (the test images statically when training is dynamic) and creates OUT. */
    Data load() throws IOException {
        FashionMnist fashion = FashionMnist.load(data);
        System.out.println("data: " + fashion.description + ", binarisation " + binarization);
        Files.createDirectories(out);
        INDArray train = binarization.applyOnce(fashion.trainImages, seed);
        INDArray test = (binarization == Binarization.DYNAMIC ? Binarization.STATIC : binarization)
                .applyOnce(fashion.testImages, seed + 1);
        return new Data(fashion, train, test);
    }

    /** The untrained VAE these options describe, initialised. */
    ComputationGraph newGraph() {
        VaeGraphBuilder builder = new VaeGraphBuilder(784, latent).likelihood(new BernoulliLikelihood())
                .warmupIterations(klWarmup).weightInit(weightInit).seed(seed);
        if (posterior == PosteriorKind.iaf) {
            builder.posterior(FlowPosterior.iaf(posteriorSteps).hidden(posteriorHidden).contextWidth(posteriorContext).seed(seed));
        } else if (posterior == PosteriorKind.planar) {
            builder.posterior(FlowPosterior.planar(posteriorSteps).seed(seed));
        }
        if (architecture == Architecture.conv) {
            builder.encoder(new ConvolutionalEncoder(28, 28, 1)).decoder(new ConvolutionalDecoder(28, 28));
        } else {
            builder.encoderSizes(512, 256).decoderSizes(256, 512);
        }
        if (conditional) {
            builder.context(CLASSES);
            if (!standardPrior) {
                builder.conditionalPrior();
            }
        }
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        return graph;
    }

    /**
     * Scores the trained graph on the test images (negative ELBO and the importance-weighted bound), writes the
     * pictures and returns the metrics of the run, to which the caller adds its own and writes metrics.json.
     */
    Metrics report(ComputationGraph graph, Data data, String command, long trainExamples, long startNanos) throws IOException {
        Vae vae = new Vae(graph, seed);
        INDArray classes = !conditional ? null
                : ImageDataSetIterator.oneHot(data.fashion.testLabels, CLASSES, graph.params().dataType());
        String bound = conditional ? "-log p(x | class)" : "-log p(x)";
        double negElbo = Evaluation.mean(data.test, classes, 500, (x, c) -> vae.negElbo(x, c, 1));
        System.out.printf("test negative ELBO (%s): %.2f nats%n", bound, negElbo);
        double iwae = Evaluation.mean(data.test, classes, Math.max(1, 10_000 / iwaeK),
                (x, c) -> vae.negLogLikelihoodIwae(x, c, iwaeK));
        System.out.printf("test importance-weighted bound (k=%d, %s): %.2f nats%n", iwaeK, bound, iwae);

        writePictures(vae, data.test, classes);
        if (!conditional) {
            LatentPictures.write(vae, data.fashion.testImages, data.fashion.testLabels, out);
        }
        Metrics metrics = new Metrics();
        if (conditional) {
            classFidelity(vae, data, classes.dataType(), metrics);
        }
        return metrics
                .put("command", command)
                .put("dataset", data.fashion.description)
                .put("binarization", binarization.toString())
                .put("epochs", epochs)
                .put("latent", latent)
                .put("batch", batch)
                .put("seed", seed)
                .put("train_examples", trainExamples)
                .put("test_examples", data.test.size(0))
                .put("seconds", (System.nanoTime() - startNanos) / 1e9)
                .put("test_neg_elbo_nats", negElbo)
                .put("test_nll_iwae_nats", iwae)
                .put("iwae_k", iwaeK)
                .put("kl_warmup_iterations", klWarmup)
                .put("weight_init", weightInit.toString())
                .put("conditional", conditional)
                .put("prior", conditional && !standardPrior ? "learned p(z | class)" : "N(0, I)")
                .put("architecture", architecture.toString())
                .put("posterior", posterior.toString())
                .put("posterior_steps", posterior == PosteriorKind.gaussian ? 0 : posteriorSteps)
                .put("posterior_hidden", posterior == PosteriorKind.iaf ? Arrays.toString(posteriorHidden) : "")
                .put("posterior_context", posterior == PosteriorKind.iaf ? posteriorContext : 0)
                .put("iterations", graph.getIterationCount());
    }

    /**
     * How recognisable the conditional samples are: {@link ClassFidelity} over 200 decoder means of prior draws per
     * class, against the binarised test images.
     */
    private void classFidelity(Vae vae, Data data, org.nd4j.linalg.api.buffer.DataType type, Metrics metrics) {
        ClassFidelity.Result fidelity = ClassFidelity.measure(data.train, data.fashion.trainLabels, data.test,
                data.fashion.testLabels, CLASSES, k -> vae.sampleMeans(200,
                        ImageDataSetIterator.oneHot(new int[] {k}, CLASSES, type), seed + k), seed);
        System.out.printf("class fidelity: a softmax regression labels %.1f%% of the test images and %.1f%% of the "
                + "samples right (%.2f of it)%n", 100 * fidelity.realAccuracy, 100 * fidelity.sampleAccuracy, fidelity.ratio());
        metrics.put("classifier_test_accuracy", fidelity.realAccuracy)
                .put("classifier_sample_accuracy", fidelity.sampleAccuracy)
                .put("classifier_sample_accuracy_per_class", fidelity.sampleAccuracyPerClass);
    }

    /** Names of the files {@link #report} writes. */
    String pictureNames() {
        return "reconstructions.png, samples.png" + (latent == 2 ? ", manifold.png" : "")
                + (conditional ? "" : ", " + String.join(", ", LatentPictures.NAMES));
    }

    /**
     * reconstructions.png (test images over their reconstructions, given their classes when conditional), samples.png
     * (decoder means of prior draws; one row of 8 per class when conditional) and, at latent 2, manifold.png.
     */
    private void writePictures(Vae vae, INDArray test, INDArray classes) throws IOException {
        int columns = 16;
        INDArray inputs = test.get(NDArrayIndex.interval(0, columns), NDArrayIndex.all());
        INDArray given = classes == null ? null : classes.get(NDArrayIndex.interval(0, columns), NDArrayIndex.all());
        Pictures.grid(Nd4j.vstack(inputs, vae.decode(vae.encode(inputs, given), given)), columns,
                out.resolve("reconstructions.png"));
        if (classes == null) {
            Pictures.grid(vae.sampleMeans(64, seed), 8, out.resolve("samples.png"));
        } else {
            int[] rowClasses = new int[CLASSES * 8];
            for (int i = 0; i < rowClasses.length; i++) {
                rowClasses[i] = i / 8;
            }
            INDArray rowContext = ImageDataSetIterator.oneHot(rowClasses, CLASSES, classes.dataType());
            Pictures.grid(vae.sampleMeans(rowClasses.length, rowContext, seed), 8, out.resolve("samples.png"));
        }
        if (latent == 2 && classes == null) {
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
