package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.conditioner.ConvolutionalConditioner;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.training.HostAdam;
import org.dl4jlvm.vae.LinearWarmup;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The model and data of the flow commands (on one machine and on Spark): a normalizing flow on a 2-D density, a
 * numeric CSV table or dequantised Fashion-MNIST, and what a run writes after training.
 */
final class FlowOptions {

    /** Exactly one source of data. */
    static final class Source {
        @Option(names = "--dataset", description = "moons, eight-gaussians, checkerboard, rings or fashion (default: moons).")
        String dataset;

        @Option(names = "--csv", paramLabel = "FILE",
                description = "A numeric CSV file (header row optional); split 90/10 into train and test. On Spark any "
                        + "path or URL Spark reads (hdfs://, s3a://).")
        String csv;
    }

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(names = "--kind", defaultValue = "REALNVP",
            description = "REALNVP, NICE, GLOW, NSF (spline couplings), NSF_AR (autoregressive splines), MAF, IAF, or "
                    + "MULTISCALE (images: levels of squeeze, Glow steps with convolutional couplings, split) "
                    + "(default: ${DEFAULT-VALUE}).")
    FlowKind kind;

    @Option(names = "--levels", defaultValue = "2",
            description = "Levels of a MULTISCALE flow, each of --steps steps (default: ${DEFAULT-VALUE}; at most 2 for 28 x 28).")
    int levels;

    @Option(names = "--bins", defaultValue = "8", description = "Spline bins K of NSF and NSF_AR (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--spline-bound", defaultValue = "5", paramLabel = "B",
            description = "Splines act on [-B, B], identity outside (default: ${DEFAULT-VALUE}).")
    double splineBound;

    @Option(names = "--context-columns", split = ",", paramLabel = "LIST",
            description = "With --csv: fit p(x | context), the context being these 0-based columns (e.g. 2 or 3,4).")
    int[] contextColumns;

    @Option(names = "--conditional",
            description = "With a 2-D density: fit p(x | component), given the one-hot mixture component of each point "
                    + "(the moon, Gaussian, square or ring); pictures per component.")
    boolean conditional;

    @Option(names = "--steps", defaultValue = "8", description = "Flow steps, per level for MULTISCALE (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hidden", defaultValue = "128,128", split = ",",
            description = "Conditioner hidden sizes; MULTISCALE: the channels of its two hidden convolutions (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--batch", defaultValue = "256", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    /** The warm-up of a MULTISCALE flow unless --warmup is given: see the README (the spike near iteration 250). */
    static final int MULTISCALE_WARMUP = 500;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Iterations over which the learning rate ramps up linearly to --learning-rate, as Glow "
                    + "trains; 0 for none (default: " + MULTISCALE_WARMUP + " for MULTISCALE, else 0).")
    Integer warmup;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files for --dataset fashion (default: the system copy, else the bundled split).")
    Path data;

    @Option(names = "--samples", paramLabel = "N",
            description = "Training points drawn from a 2-D density (default: flow draws iterations x batch, one pass; "
                    + "spark flow 20000).")
    Integer samples;

    @Option(names = "--out", defaultValue = "out/flow", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** Fails with a message naming the option when a value is out of range. */
    void check() {
        Checks.atLeastOne("--steps", steps);
        Checks.atLeastOne("--levels", levels);
        Checks.atLeastOne("--batch", batch);
        if (warmup != null) {
            Checks.nonNegative("--warmup", warmup);
        }
        if (kind == FlowKind.MULTISCALE) {
            ConvolutionalConditioner.checkHidden("--hidden", hidden);
        }
    }

    /** Fails when a conditional flow is asked of a command that trains unconditional ones only. */
    void requireUnconditional(String command) {
        if (conditional || contextColumns != null) {
            throw new IllegalArgumentException((conditional ? "--conditional" : "--context-columns") + ": " + command
                    + " trains unconditional flows only; fit a conditional flow with the flow command");
        }
    }

    /** Loads the data (of a 2-D density, {@code --samples} training points or else {@code defaultSamples}) and creates OUT. */
    FlowData load(long defaultSamples) throws IOException {
        if (samples != null) {
            Checks.atLeastOne("--samples", samples);
        }
        FlowData flowData = FlowData.load(source.csv == null ? null : Path.of(source.csv), source.dataset,
                samples != null ? samples : defaultSamples, seed, data, contextColumns, conditional);
        System.out.println("data: " + flowData.description + ", " + flowData.trainExamples + " train and "
                + flowData.test.size(0) + " test examples of dimension " + flowData.dimension());
        Files.createDirectories(out);
        return flowData;
    }

    /**
     * The flow these options describe for {@code data}: dequantised images, or CSV columns standardised by the
     * training rows (when they are distributed, the caller gives their statistics to the builder).
     */
    FlowGraphBuilder builder(FlowData data) {
        FlowGraphBuilder builder = new FlowGraphBuilder(kind.factory(data, steps), (int) data.dimension())
                .steps(kind == FlowKind.MULTISCALE ? levels : steps).hidden(hidden)
                .bins(bins).splineBound(splineBound).updater(updater()).seed(seed);
        if (data.conditional()) {
            builder.context(data.contextWidth());
        }
        if (data.images) {
            builder.dequantize(256);
        } else if (data.standardize && data.train != null) {
            builder.standardize(data.train);
        }
        return builder;
    }

    /** Iterations of learning-rate warm-up: --warmup, or the default of the flow's kind. */
    int warmupIterations() {
        return warmup != null ? warmup : kind == FlowKind.MULTISCALE ? MULTISCALE_WARMUP : 0;
    }

    /** Adam at --learning-rate, after the warm-up. */
    HostAdam updater() {
        return adam(learningRate, warmupIterations());
    }

    /** Adam at {@code learningRate}, reached by a linear warm-up over {@code warmupIterations} (0 for none). */
    static HostAdam adam(double learningRate, int warmupIterations) {
        return warmupIterations == 0 ? new HostAdam(learningRate)
                : new HostAdam(new LinearWarmup(new FixedSchedule(learningRate), warmupIterations));
    }

    /**
     * Scores the trained graph on the test data (NLL and bits per dimension), writes the pictures and returns the
     * metrics of the run, to which the caller adds its own and writes metrics.json.
     */
    Metrics report(ComputationGraph graph, FlowData data, String command, long startNanos) throws IOException {
        Flow flow = new Flow(graph);
        double nll = -Evaluation.mean(data.test, data.testContext, 1000, flow::logLikelihood);
        // a conditional flow's first step is no dequantisation (FlowGraphBuilder refuses it), so bits are of -nll
        double bitsPerDim = data.conditional() ? org.dl4jlvm.api.BitsPerDim.of(-nll, data.dimension())
                : flow.bitsPerDim(-nll);
        System.out.printf("test NLL: %.4f nats per example, %.4f bits per dimension%n", nll, bitsPerDim);
        Double trueNll = null;
        if (data.entropy != null) {
            System.out.printf("data entropy: %.4f nats%n", data.entropy);
            // the true density's NLL on the same test points: NLL minus it estimates KL(data || flow) without the
            // sampling noise of the test points, which the two share
            trueNll = -java.util.Arrays.stream(data.density.logDensity(data.test)).average().orElse(Double.NaN);
            System.out.printf("true density's NLL on the test points: %.4f nats; the flow's excess: %.4f nats%n", trueNll,
                    nll - trueNll);
        }
        FlowPictures.write(flow, data, out, seed);
        if (data.images) {
            BitsPerDimCurve.write(out.resolve("objective.csv"), flow::bitsPerDim, bitsPerDim, out.resolve(BitsPerDimCurve.NAME));
        }
        Metrics metrics = new Metrics()
                .put("command", command)
                .put("dataset", data.description)
                .put("kind", kind.toString())
                .put("context_width", data.contextWidth())
                .put("steps", steps)
                .put("levels", kind == FlowKind.MULTISCALE ? levels : 1)
                .put("hidden", Arrays.toString(hidden))
                .put("iterations", graph.getIterationCount())
                .put("batch", batch)
                .put("learning_rate", learningRate)
                .put("warmup_iterations", warmupIterations())
                .put("seed", seed)
                .put("dimension", data.dimension())
                .put("train_examples", data.trainExamples)
                .put("test_examples", data.test.size(0))
                .put("seconds", (System.nanoTime() - startNanos) / 1e9)
                .put("test_nll_nats", nll)
                .put("bits_per_dim", bitsPerDim);
        if (data.entropy != null) {
            metrics.put("data_entropy_nats", data.entropy);
            metrics.put("test_true_nll_nats", trueNll);
            metrics.put("test_excess_nll_nats", nll - trueNll);
        }
        return metrics;
    }

    /** Names of the files {@link #report} writes for {@code data}. */
    static String pictureNames(FlowData data) {
        return String.join(", ", FlowPictures.names(data));
    }
}
