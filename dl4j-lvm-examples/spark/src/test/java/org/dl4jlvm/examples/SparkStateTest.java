package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.training.HostAdam;
import org.dl4jlvm.training.UnsupervisedLabels;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** What the layers keep between the driver and the workers: the KL warm-up's iteration, ActNorm's initialisation, CSV data. */
class SparkStateTest {

    /** Iterations at which the workers' graphs finished a step (the workers are threads of this JVM in local mode). */
    static final ConcurrentLinkedQueue<Integer> WORKER_ITERATIONS = new ConcurrentLinkedQueue<>();

    /** Records the iteration of every step a worker takes. */
    static final class IterationRecorder extends BaseTrainingListener implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            WORKER_ITERATIONS.add(iteration);
        }
    }

    @Test
    void theKlWarmupGoesOnAcrossAveragings() {
        int averaging = 2;
        ParameterAveragingTrainingMaster.Builder master = new ParameterAveragingTrainingMaster.Builder(32)
                .batchSizePerWorker(32).averagingFrequency(averaging).workerPrefetchNumBatches(0).rngSeed(3);
        // DL4J's own master: its workers restart at iteration 0 after every averaging
        assertTrue(latestWorkerIteration(master.build()) < 2 * averaging, "DL4J's master now keeps the counts");

        ComputationGraph trained = warmupVae();
        int latest = latestWorkerIteration(new CountingParameterAveraging(master), trained);
        int driverCount = trained.getIterationCount();
        // 64 minibatches, 2 workers, averaging every 2 steps: about 16 rounds, each moving the driver's count by 2
        assertTrue(driverCount >= 24, "driver's iteration count " + driverCount);
        // the KL layer weighs its term by the warm-up's beta at its graph's iteration, so it follows the same count
        assertTrue(latest >= driverCount - 2 * averaging, "latest worker iteration " + latest + ", driver's count " + driverCount);
    }

    private static ComputationGraph warmupVae() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(16, 2).encoderSizes(8).decoderSizes(8)
                .likelihood(new BernoulliLikelihood()).warmupIterations(1000).seed(1).build());
        graph.init();
        return graph;
    }

    private static int latestWorkerIteration(TrainingMaster<?, ?> master) {
        return latestWorkerIteration(master, warmupVae());
    }

    /** Trains {@code graph} for one pass over 2,048 random binary rows and returns the latest iteration a worker reached. */
    private static int latestWorkerIteration(TrainingMaster<?, ?> master, ComputationGraph graph) {
        Nd4j.getRandom().setSeed(2);
        INDArray rows = Nd4j.rand(graph.params().dataType(), 2048, 16).gt(0.5).castTo(graph.params().dataType());
        WORKER_ITERATIONS.clear();
        try (JavaSparkContext context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("warm-up"))) {
            JavaRDD<MultiDataSet> batches = RowRdds.batches(RowRdds.parallelize(context, rows, 2).keys(), 32,
                    UnsupervisedLabels.of(graph.getConfiguration()));
            SparkComputationGraph distributed = new SparkComputationGraph(context, graph, master);
            distributed.setListeners(new IterationRecorder());
            distributed.fitMultiDataSet(batches);
        }
        return WORKER_ITERATIONS.stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    @Test
    void flowsWithActNormMustBeInitialisedOnTheDriver() {
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(FlowGraphBuilder.Kind.GLOW, 2).steps(2).hidden(8).seed(1).build());
        graph.init();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SparkFit.requireInitialized(graph));
        assertTrue(error.getMessage().contains("ActNorm") && error.getMessage().contains("Flow.initialize"), error.getMessage());
        Nd4j.getRandom().setSeed(5);
        INDArray batch = Nd4j.randn(graph.params().dataType(), 64, 2);
        new Flow(graph).initialize(new ImageDataSetIterator(batch, new int[64], 1, 64, false, false, 1));
        SparkFit.requireInitialized(graph);
    }

    @Test
    void aCsvFileIsReadBySparkAndFittedInItsOwnUnits(@TempDir Path folder) throws Exception {
        // a = 1000 + 100 u, b = 5 + u + e (u, e standard normal): det(cov) = 1e4 * 2 - 100^2 = 1e4, so the entropy is
        // ln(2 pi e) + ln(1e4) / 2 = 7.4431 nats
        StringBuilder csv = new StringBuilder("a,b\n");
        Random random = new Random(4);
        int rows = 4000;
        for (int i = 0; i < rows; i++) {
            double u = random.nextGaussian();
            csv.append(1000 + 100 * u).append(',').append(5 + u + random.nextGaussian()).append('\n');
        }
        Path file = Files.writeString(folder.resolve("table.csv"), csv.toString());
        Path out = folder.resolve("out");
        assertEquals(0, SparkMain.run("flow", "--csv", file.toString(), "--steps", "4", "--hidden", "16", "--batch", "64",
                "--epochs", "3", "--master", "local[2]", "--out", out.toString()));
        Map<String, Object> metrics = CommandOutputs.metrics(out, "train_examples", "test_examples", "test_nll_nats");
        long train = ((Number) metrics.get("train_examples")).longValue();
        long test = ((Number) metrics.get("test_examples")).longValue();
        assertEquals(rows, train + test, "every data row (not the header) in one of the splits");
        assertTrue(test > 300 && test < 500, "about one row in ten held out: " + test);
        double nll = SparkTrainingTest.number(metrics, "test_nll_nats");
        assertTrue(nll > 7.3 && nll < 7.7, "test NLL " + nll + " nats, entropy 7.443");
    }

    @Test
    void aDivergingRunStopsWithTheWorkersErrorAndFiniteParameters() {
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, 2).steps(4).hidden(16)
                .updater(new HostAdam(1e5)).seed(1).build());
        graph.init();
        INDArray rows = Density2D.parse("moons").sample(4096, 6, graph.params().dataType());
        SparkFit fit = new SparkFit("diverging");
        try (JavaSparkContext context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("diverging"))) {
            JavaPairRDD<float[], Long> numbered = RowRdds.parallelize(context, rows, 2);
            UnsupervisedLabels labels = UnsupervisedLabels.of(graph.getConfiguration());
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> fit.fit(context, graph,
                    new CountingParameterAveraging(new ParameterAveragingTrainingMaster.Builder(64).batchSizePerWorker(64)
                            .averagingFrequency(2)), 3, rows.size(0),
                    epoch -> RowRdds.batches(RowRdds.shuffled(numbered, 1, epoch), 64, labels)));
            assertTrue(error.getMessage().contains("NonFiniteScoreException") && error.getMessage().contains("epoch 1"),
                    error.getMessage());
        }
        // the heads stop a worker before its update, and a failed round is never averaged into the driver's graph
        assertTrue(Double.isFinite(graph.params().sumNumber().doubleValue()), "the driver's parameters stay finite");
    }
}
