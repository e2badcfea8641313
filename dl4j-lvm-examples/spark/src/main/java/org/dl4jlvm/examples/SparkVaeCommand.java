package org.dl4jlvm.examples;

import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jlvm.data.Binarization;
import org.dl4jlvm.training.UnsupervisedLabels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Trains the {@code vae} command's VAE on Spark: the same builder, data, pictures and metrics.json. */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = "Train the vae command's VAE on binarised Fashion-MNIST through DL4J's SparkComputationGraph; write "
                + "the same pictures and metrics.json (with seconds per epoch).")
public final class SparkVaeCommand implements Callable<Integer> {

    @Mixin
    VaeOptions vae = new VaeOptions();

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Override
    public Integer call() throws Exception {
        vae.check();
        spark.check();
        if (vae.conditional) {
            throw new IllegalArgumentException("--conditional: expected a single-machine run (the vae command); the Spark "
                    + "batches carry no classes, found --conditional");
        }
        if (vae.binarization == Binarization.DYNAMIC) {
            throw new IllegalArgumentException("--binarization: on Spark the images are binarised once, on the driver; "
                    + "expected STATIC or THRESHOLD, found DYNAMIC");
        }
        long start = System.nanoTime();
        VaeOptions.Data data = vae.load();
        ComputationGraph graph = vae.newGraph();
        UnsupervisedLabels labels = UnsupervisedLabels.of(graph.getConfiguration());
        SparkFit fit = new SparkFit("spark vae");
        try (JavaSparkContext context = spark.start("dl4j-lvm vae")) {
            JavaPairRDD<float[], Long> rows = RowRdds.parallelize(context, data.train, context.defaultParallelism());
            graph = fit.fit(context, graph, spark.trainingMaster(vae.batch, vae.seed), vae.epochs, data.train.size(0),
                    epoch -> RowRdds.batches(RowRdds.shuffled(rows, vae.seed, epoch), vae.batch, labels));
        }
        Metrics metrics = vae.report(graph, data, "spark vae", data.train.size(0), start);
        fit.putRun(metrics);
        metrics.write(vae.out.resolve("metrics.json"));
        System.out.println("wrote " + vae.out.toAbsolutePath() + ": " + vae.pictureNames() + ", metrics.json");
        return 0;
    }
}
