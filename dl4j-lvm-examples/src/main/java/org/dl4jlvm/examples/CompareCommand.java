package org.dl4jlvm.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dl4jlvm.api.BitsPerDim;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.FlowObjectiveParts;
import org.dl4jlvm.flows.MultiScale;
import org.dl4jlvm.flows.conditioner.ConvolutionalConditioner;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.linear.ProbabilisticPca;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PPCA, a Gaussian VAE, a RealNVP flow and a multi-scale convolutional flow fitted to the same Fashion-MNIST training
 * images (uniformly dequantised) and scored on the same held-out images in bits per dimension of the 8-bit data.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Fit probabilistic PCA, a Gaussian VAE, a RealNVP flow and a multi-scale flow to dequantised "
                + "Fashion-MNIST and score them on the same held-out images in bits per dimension; write the table to stdout, "
                + "results.md and metrics.json.")
public final class CompareCommand implements Callable<Integer> {
    private static final int LEVELS = 256;
    private static final int D = 784;

    @Option(names = "--latent", defaultValue = "32", description = "Latent size of PPCA and the VAE (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--vae-epochs", defaultValue = "5", description = "VAE training epochs (default: ${DEFAULT-VALUE}).")
    int vaeEpochs;

    @Option(names = "--flow-iterations", defaultValue = "2000", description = "Flow training iterations (default: ${DEFAULT-VALUE}).")
    int flowIterations;

    @Option(names = "--flow-hidden", defaultValue = "256,256", split = ",", description = "Flow conditioner sizes (default: ${DEFAULT-VALUE}).")
    int[] flowHidden;

    @Option(names = "--multiscale-iterations", defaultValue = "2000",
            description = "Training iterations of the multi-scale flow, the first " + FlowOptions.MULTISCALE_WARMUP
                    + " a learning-rate warm-up as in the flow command; 0 leaves its row out (default: ${DEFAULT-VALUE}).")
    int multiScaleIterations;

    @Option(names = "--multiscale-hidden", defaultValue = "64,64", split = ",",
            description = "Channels of the multi-scale flow's two hidden convolutions (default: ${DEFAULT-VALUE}).")
    int[] multiScaleHidden;

    @Option(names = "--multiscale-steps", defaultValue = "4",
            description = "Glow steps per level of the multi-scale flow's two levels (default: ${DEFAULT-VALUE}).")
    int multiScaleSteps;

    @Option(names = "--flow-batch", defaultValue = "64", description = "Flow minibatch size (default: ${DEFAULT-VALUE}).")
    int flowBatch;

    @Option(names = "--batch", defaultValue = "128", description = "VAE minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--test-examples", defaultValue = "2000", description = "Held-out images scored (default: ${DEFAULT-VALUE}).")
    int testExamples;

    @Option(names = "--iwae-k", defaultValue = "50", description = "Importance samples of the VAE's bound (default: ${DEFAULT-VALUE}).")
    int iwaeK;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of dequantisation, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files (default: the system copy, else the bundled split).")
    Path data;

    @Option(names = "--out", defaultValue = "out/compare", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Checks.atLeastOne("--latent", latent);
        Checks.atLeastOne("--vae-epochs", vaeEpochs);
        Checks.atLeastOne("--flow-iterations", flowIterations);
        Checks.nonNegative("--multiscale-iterations", multiScaleIterations);
        Checks.atLeastOne("--multiscale-steps", multiScaleSteps);
        ConvolutionalConditioner.checkHidden("--multiscale-hidden", multiScaleHidden);
        Checks.atLeastOne("--flow-batch", flowBatch);
        Checks.atLeastOne("--batch", batch);
        Checks.atLeastOne("--test-examples", testExamples);
        Checks.atLeastOne("--iwae-k", iwaeK);
        FashionMnist fashion = FashionMnist.load(data);
        Files.createDirectories(out);
        System.out.println("data: " + fashion.description);
        INDArray levels = Transforms.round(fashion.trainImages.mul(LEVELS - 1), false);
        // (k + u) / 256 with u ~ U[0, 1): a continuous version of the 8-bit images for PPCA and the VAE
        INDArray train = levels.addi(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), levels.shape())
                .castTo(levels.dataType())).divi(LEVELS);
        INDArray testImages = fashion.testImages.get(NDArrayIndex.interval(0, Math.min(testExamples, fashion.testImages.size(0))),
                NDArrayIndex.all());
        // every model is scored at the centre of each pixel's bin: (k + 1/2) / 256 here, the flow's own u = 1/2
        INDArray testCentres = Transforms.round(testImages.mul(LEVELS - 1), true).addi(0.5).divi(LEVELS);

        List<String[]> rows = new ArrayList<>();
        Metrics metrics = new Metrics().put("command", "compare").put("dataset", fashion.description)
                .put("test_examples", testImages.size(0)).put("latent", latent).put("seed", seed);

        long start = System.nanoTime();
        ProbabilisticPca ppca = ProbabilisticPca.fit(train, latent);
        add(rows, metrics, "ppca", "probabilistic PCA, Q = " + latent, ppca,
                BitsPerDim.discrete(Evaluation.mean(testCentres, 1000, ppca::logLikelihood), D, LEVELS), start);

        start = System.nanoTime();
        Vae vae = new Vae(trainVae(train, fashion.trainLabels), seed).importanceSamples(iwaeK);
        add(rows, metrics, "vae", "Gaussian VAE, Q = " + latent + ", " + vaeEpochs + " epochs, bound with k = " + iwaeK, vae,
                BitsPerDim.discrete(Evaluation.mean(testCentres, Math.max(1, 5000 / iwaeK), vae::logLikelihood), D, LEVELS), start);

        start = System.nanoTime();
        Flow flow = new Flow(trainFlow(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, D).steps(8).hidden(flowHidden),
                fashion.trainImages, flowIterations, "flow"));
        add(rows, metrics, "flow", "RealNVP, 8 couplings of " + Arrays.toString(flowHidden) + ", " + flowIterations
                + " iterations", flow, flow.bitsPerDim(testImages), start);

        if (multiScaleIterations > 0) {
            start = System.nanoTime();
            Flow multiScale = new Flow(trainFlow(new FlowGraphBuilder(new MultiScale(FlowKind.FASHION, multiScaleSteps), D)
                    .steps(2).hidden(multiScaleHidden).updater(FlowOptions.adam(1e-3, FlowOptions.MULTISCALE_WARMUP)),
                    fashion.trainImages, multiScaleIterations, "multiscale"));
            add(rows, metrics, "multiscale", "multi-scale flow, 2 levels of " + multiScaleSteps + " Glow steps, convolutions of "
                    + Arrays.toString(multiScaleHidden) + ", " + multiScaleIterations + " iterations", multiScale,
                    multiScale.bitsPerDim(testImages), start);
        }

        StringBuilder table = new StringBuilder("| model | likelihood | test bits / dim | seconds |\n| --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        System.out.println(table);
        Files.write(out.resolve("results.md"), table.toString().getBytes(StandardCharsets.UTF_8));
        metrics.write(out.resolve("metrics.json"));
        System.out.println("wrote " + out.toAbsolutePath() + ": results.md, metrics.json");
        return 0;
    }

    private static void add(List<String[]> rows, Metrics metrics, String key, String name, LatentVariableModel model,
            double bitsPerDim, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String kind = model.likelihoodKind() == LatentVariableModel.LikelihoodKind.EXACT ? "exact" : "lower bound";
        rows.add(new String[] {name, kind, String.format("%.3f", bitsPerDim), String.format("%.0f", seconds)});
        metrics.put(key + "_bits_per_dim", bitsPerDim).put(key + "_likelihood", kind).put(key + "_seconds", seconds);
        System.out.printf("%s: %.3f bits per dimension (%s), %.0f s%n", name, bitsPerDim, kind, seconds);
    }

    private ComputationGraph trainVae(INDArray train, int[] labels) throws Exception {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, latent).encoderSizes(512, 256).decoderSizes(256, 512)
                .likelihood(GaussianLikelihood.learnedVariance()).seed(seed).build());
        graph.init();
        long perEpoch = (train.size(0) + batch - 1) / batch;
        ImageDataSetIterator data = new ImageDataSetIterator(train, labels, 10, batch, true, false, seed);
        return new Trainer(new TrainingOptions(), out.resolve("vae"), "vae").fit(graph, new UnsupervisedIterator(graph, data),
                perEpoch, perEpoch * vaeEpochs, perEpoch, new VaeObjectiveParts(graph), null);
    }

    /** Trains the flow of {@code builder}, completed with the dequantisation and the seed, in OUT/{@code name}. */
    private ComputationGraph trainFlow(FlowGraphBuilder builder, INDArray images, int iterations, String name) throws Exception {
        ComputationGraph graph = new ComputationGraph(builder.dequantize(LEVELS).seed(seed).build());
        graph.init();
        ImageDataSetIterator data = new ImageDataSetIterator(images, new int[(int) images.size(0)], 1, flowBatch, true, false, seed);
        new Flow(graph).initialize(data);
        long perPass = (images.size(0) + flowBatch - 1) / flowBatch;
        return new Trainer(new TrainingOptions(), out.resolve(name), name).fit(graph, new UnsupervisedIterator(graph, data),
                perPass, iterations, Math.min(perPass, iterations), new FlowObjectiveParts(graph), null);
    }
}
