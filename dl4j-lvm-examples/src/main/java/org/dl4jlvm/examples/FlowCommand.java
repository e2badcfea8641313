package org.dl4jlvm.examples;

import java.util.concurrent.Callable;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowObjectiveParts;
import org.dl4jlvm.training.HeldOutScore;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fits a normalizing flow to a 2-D density, to a CSV table or to dequantised Fashion-MNIST. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Train a normalizing flow (RealNVP, NICE, Glow, NSF, NSF-AR, MAF or IAF; conditional with "
                + "--conditional or --context-columns) on a 2-D density (--dataset moons, eight-gaussians, "
                + "checkerboard, rings), dequantised Fashion-MNIST (--dataset fashion) or a numeric CSV file (--csv); write "
                + "density.png and samples.png (2-D) or samples.png (images), and metrics.json.")
public final class FlowCommand implements Callable<Integer> {

    @Mixin
    FlowOptions flow = new FlowOptions();

    @Option(names = "--iterations", defaultValue = "5000", description = "Training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--round", defaultValue = "500", paramLabel = "N",
            description = "Iterations per round, the unit of early stopping (default: ${DEFAULT-VALUE}).")
    int round;

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws Exception {
        flow.check();
        Checks.atLeastOne("--iterations", iterations);
        Checks.atLeastOne("--round", round);
        Trainer trainer = new Trainer(training, flow.out, "flow");
        long start = System.nanoTime();
        FlowData flowData = flow.load((long) iterations * flow.batch);

        INDArray train = flowData.train;
        INDArray trainContext = flowData.trainContext;
        INDArray validation = null;
        INDArray validationContext = null;
        if (training.patience > 0) {
            long kept = train.size(0) - train.size(0) / 10;
            validation = rows(train, kept, train.size(0));
            validationContext = trainContext == null ? null : rows(trainContext, kept, train.size(0));
            train = rows(train, 0, kept);
            trainContext = trainContext == null ? null : rows(trainContext, 0, kept);
            System.out.println("early stopping on the NLL of the last " + validation.size(0) + " training examples");
        }
        ComputationGraph graph = new ComputationGraph(flow.builder(flowData).build());
        graph.init();
        graph = trainer.start(graph);
        // a conditional flow's context rides in the minibatches' labels, which UnsupervisedIterator feeds to its input
        ImageDataSetIterator trainData = trainContext == null
                ? new ImageDataSetIterator(train, new int[(int) train.size(0)], 1, flow.batch, true, false, flow.seed)
                : new ImageDataSetIterator(train, trainContext, flow.batch, true, flow.seed);
        new Flow(graph).initialize(trainData);

        graph = trainer.fit(graph, new UnsupervisedIterator(graph, trainData), (train.size(0) + flow.batch - 1) / flow.batch, iterations,
                round, new FlowObjectiveParts(graph),
                validation == null ? null : new HeldOutScore(validation, validationContext, 1000, Flow::new));

        Metrics metrics = flow.report(graph, flowData, "flow", start);
        trainer.putSpeed(metrics);
        metrics.write(flow.out.resolve("metrics.json"));
        System.out.println("wrote " + flow.out.toAbsolutePath() + ": " + FlowOptions.pictureNames(flowData)
                + ", objective.csv, metrics.json");
        return 0;
    }

    private static INDArray rows(INDArray values, long from, long to) {
        return values.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
