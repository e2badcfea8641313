package org.dl4jlvm.examples;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.training.UnsupervisedLabels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the {@code flow} command's flows on Spark: the same builder, pictures and metrics.json. A CSV file is read by
 * Spark ({@code textFile}, so any path Spark reads, such as HDFS) and stays distributed; Fashion-MNIST and the 2-D
 * densities are made on the driver and distributed.
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "Train the flow command's flow (RealNVP, NICE or Glow) through DL4J's SparkComputationGraph on a 2-D "
                + "density, dequantised Fashion-MNIST or a numeric CSV file read by Spark; write the same pictures and "
                + "metrics.json (with seconds per epoch).")
public final class SparkFlowCommand implements Callable<Integer> {
    /** Training points drawn from a 2-D density unless {@code --samples} says otherwise. */
    static final int DENSITY_SAMPLES = 20_000;

    @Mixin
    FlowOptions flow = new FlowOptions();

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Override
    public Integer call() throws Exception {
        flow.check();
        flow.requireUnconditional("spark flow");
        spark.check();
        Checks.atLeastOne("--epochs", epochs);
        long start = System.nanoTime();
        SparkFit fit = new SparkFit("spark flow");
        FlowData data;
        ComputationGraph graph;
        try (JavaSparkContext context = spark.start("dl4j-lvm flow")) {
            JavaPairRDD<float[], Long> rows;
            FlowGraphBuilder builder;
            if (flow.source.csv != null) {
                Files.createDirectories(flow.out);
                CsvRdd table = CsvRdd.read(context, flow.source.csv, flow.seed);
                data = FlowData.distributedTable("csv " + flow.source.csv, table.trainRows(), table.test());
                rows = table.train().zipWithIndex().cache();
                builder = flow.builder(data).standardize(table.trainMeans(), table.trainDeviations());
            } else {
                data = flow.load(DENSITY_SAMPLES);
                rows = RowRdds.parallelize(context, data.train, context.defaultParallelism());
                builder = flow.builder(data);
            }
            graph = new ComputationGraph(builder.build());
            graph.init();
            initialize(graph, rows);
            UnsupervisedLabels labels = UnsupervisedLabels.of(graph.getConfiguration());
            graph = fit.fit(context, graph, spark.trainingMaster(flow.batch, flow.seed), epochs, data.trainExamples,
                    epoch -> RowRdds.batches(RowRdds.shuffled(rows, flow.seed, epoch), flow.batch, labels));
        }
        Metrics metrics = flow.report(graph, data, "spark flow", start).put("epochs", epochs);
        fit.putRun(metrics);
        metrics.write(flow.out.resolve("metrics.json"));
        System.out.println("wrote " + flow.out.toAbsolutePath() + ": " + FlowOptions.pictureNames(data) + ", metrics.json");
        return 0;
    }

    /**
     * ActNorm's data-dependent initialisation, on the driver from a random minibatch of the training rows (as the
     * flow command does from its first shuffled minibatch), so that workers receive initialised steps and never initialise their
     * own copies from their own data.
     */
    private void initialize(ComputationGraph graph, JavaPairRDD<float[], Long> rows) {
        INDArray batch = Nd4j.create(rows.keys().takeSample(false, flow.batch, flow.seed).toArray(new float[0][]));
        new Flow(graph).initialize(new ImageDataSetIterator(batch, new int[(int) batch.size(0)], 1, flow.batch, false, false, flow.seed));
    }
}
