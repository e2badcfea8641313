package org.dl4jlvm.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.FlowObjectiveParts;
import org.dl4jlvm.training.HeldOutScore;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.dl4jlvm.training.HostAdam;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fits a normalizing flow to a 2-D density, to a CSV table or to dequantised Fashion-MNIST. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Train a normalizing flow (RealNVP, NICE or Glow) on a 2-D density (--dataset moons, eight-gaussians, "
                + "checkerboard, rings), dequantised Fashion-MNIST (--dataset fashion) or a numeric CSV file (--csv); write "
                + "density.png and samples.png (2-D) or samples.png (images), and metrics.json.")
public final class FlowCommand implements Callable<Integer> {

    /** Exactly one source of data. */
    static final class Source {
        @Option(names = "--dataset", description = "moons, eight-gaussians, checkerboard, rings or fashion (default: moons).")
        String dataset;

        @Option(names = "--csv", description = "A numeric CSV file (header row optional); split 90/10 into train and test.")
        Path csv;
    }

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(names = "--kind", defaultValue = "REALNVP", description = "REALNVP, NICE or GLOW (default: ${DEFAULT-VALUE}).")
    FlowGraphBuilder.Kind kind;

    @Option(names = "--steps", defaultValue = "8", description = "Flow steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hidden", defaultValue = "128,128", split = ",", description = "Conditioner hidden sizes (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--iterations", defaultValue = "5000", description = "Training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--batch", defaultValue = "256", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data, weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files for --dataset fashion (default: the system copy, else the bundled split).")
    Path data;

    @Option(names = "--out", defaultValue = "out/flow", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--round", defaultValue = "500", paramLabel = "N",
            description = "Iterations per round, the unit of early stopping (default: ${DEFAULT-VALUE}).")
    int round;

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws Exception {
        Checks.atLeastOne("--steps", steps);
        Checks.atLeastOne("--iterations", iterations);
        Checks.atLeastOne("--batch", batch);
        Checks.atLeastOne("--round", round);
        Trainer trainer = new Trainer(training, out, "flow");
        long start = System.nanoTime();
        FlowData flowData = FlowData.load(source.csv, source.dataset, iterations, batch, seed, data);
        System.out.println("data: " + flowData.description + ", " + flowData.train.size(0) + " train and "
                + flowData.test.size(0) + " test examples of dimension " + flowData.train.size(1));
        Files.createDirectories(out);

        FlowGraphBuilder builder = new FlowGraphBuilder(kind, (int) flowData.train.size(1)).steps(steps).hidden(hidden)
                .updater(new HostAdam(learningRate)).seed(seed);
        if (flowData.images) {
            builder.dequantize(256);
        } else if (flowData.standardize) {
            builder.standardize(flowData.train);
        }
        INDArray train = flowData.train;
        INDArray validation = null;
        if (training.patience > 0) {
            long kept = train.size(0) - train.size(0) / 10;
            validation = train.get(NDArrayIndex.interval(kept, train.size(0)), NDArrayIndex.all());
            train = train.get(NDArrayIndex.interval(0, kept), NDArrayIndex.all());
            System.out.println("early stopping on the NLL of the last " + validation.size(0) + " training examples");
        }
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        graph = trainer.start(graph);
        ImageDataSetIterator trainData = new ImageDataSetIterator(train, new int[(int) train.size(0)], 1, batch, true, false, seed);
        new Flow(graph).initialize(trainData);

        graph = trainer.fit(graph, new UnsupervisedIterator(graph, trainData), (train.size(0) + batch - 1) / batch, iterations,
                round, new FlowObjectiveParts(graph), validation == null ? null : new HeldOutScore(validation, 1000, Flow::new));
        Flow flow = new Flow(graph);

        double nll = -Evaluation.mean(flowData.test, 1000, flow::logLikelihood);
        double bitsPerDim = flow.bitsPerDim(flowData.test);
        System.out.printf("test NLL: %.4f nats per example, %.4f bits per dimension%n", nll, bitsPerDim);
        if (flowData.entropy != null) {
            System.out.printf("data entropy: %.4f nats%n", flowData.entropy);
        }
        FlowPictures.write(flow, flowData, out, seed);

        Metrics metrics = new Metrics()
                .put("command", "flow")
                .put("dataset", flowData.description)
                .put("kind", kind.toString())
                .put("steps", steps)
                .put("hidden", Arrays.toString(hidden))
                .put("iterations", graph.getIterationCount())
                .put("batch", batch)
                .put("learning_rate", learningRate)
                .put("seed", seed)
                .put("dimension", flowData.train.size(1))
                .put("train_examples", flowData.train.size(0))
                .put("test_examples", flowData.test.size(0))
                .put("seconds", (System.nanoTime() - start) / 1e9)
                .put("test_nll_nats", nll)
                .put("bits_per_dim", bitsPerDim);
        if (flowData.entropy != null) {
            metrics.put("data_entropy_nats", flowData.entropy);
        }
        trainer.putSpeed(metrics);
        metrics.write(out.resolve("metrics.json"));
        System.out.println("wrote " + out.toAbsolutePath() + ": " + String.join(", ", FlowPictures.names(flowData))
                + ", objective.csv, metrics.json");
        return 0;
    }


    /** The pictures of one run. */
    static final class FlowPictures {
        private FlowPictures() {
        }

        static List<String> names(FlowData data) {
            return data.images ? List.of("samples.png") : data.train.size(1) == 2 ? List.of("density.png", "samples.png") : List.of();
        }

        static void write(Flow flow, FlowData data, Path out, long seed) throws java.io.IOException {
            if (data.images) {
                INDArray samples = flow.sample(64, seed);
                Pictures.grid(org.nd4j.linalg.ops.transforms.Transforms.min(
                        org.nd4j.linalg.ops.transforms.Transforms.max(samples, 0.0), 1.0), 8, out.resolve("samples.png"));
                return;
            }
            if (data.train.size(1) != 2) {
                return;
            }
            INDArray shown = data.test.get(NDArrayIndex.interval(0, Math.min(2000, data.test.size(0))), NDArrayIndex.all());
            double[] window = Plots2D.window(shown);
            INDArray grid = Plots2D.grid(window);
            double[] learned = new double[(int) grid.size(0)];
            for (long from = 0; from < grid.size(0); from += 10_000) {
                long to = Math.min(from + 10_000, grid.size(0));
                double[] chunk = flow.logLikelihood(grid.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))
                        .castTo(DataType.DOUBLE).toDoubleVector();
                for (int i = 0; i < chunk.length; i++) {
                    learned[(int) from + i] = Math.exp(chunk[i]);
                }
            }
            if (data.density != null) {
                Density2D density = data.density;
                Plots2D.heatMaps(List.of(Plots2D.evaluate(window, (x, y) -> Math.exp(density.logDensity(x, y))), learned),
                        out.resolve("density.png"));
            } else {
                Plots2D.heatMaps(List.of(learned), out.resolve("density.png"));
            }
            INDArray samples = flow.sample((int) shown.size(0), seed);
            Plots2D.scatter(window, List.of(new INDArray[] {shown}, new INDArray[] {shown, samples}), out.resolve("samples.png"));
        }
    }
}
