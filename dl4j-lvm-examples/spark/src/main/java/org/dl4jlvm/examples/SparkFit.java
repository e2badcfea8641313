package org.dl4jlvm.examples;

import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.flows.ActNorm;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a graph for a number of epochs through DL4J's {@link SparkComputationGraph}, timing each epoch. After every
 * epoch the parameters must be finite: otherwise the graph gets back those of the epoch before and training stops
 * with an error.
 */
final class SparkFit {
    private final String task;
    private double[] epochSeconds = new double[0];
    private long examples;
    private String sparkMaster;
    private int workers;
    private String trainingMaster;

    SparkFit(String task) {
        this.task = task;
    }

    /**
     * Fits {@code graph} (initialised, with any data-dependent initialisation done) for {@code epochs} passes over
     * {@code epochData.apply(e)} and returns the trained graph; {@code examplesPerEpoch} counts the rows of one pass.
     */
    ComputationGraph fit(JavaSparkContext spark, ComputationGraph graph, TrainingMaster<?, ?> master, int epochs,
            long examplesPerEpoch, IntFunction<JavaRDD<MultiDataSet>> epochData) {
        requireInitialized(graph);
        if (spark.master().startsWith("local")) {
            // the workers are threads of this JVM and share OpenBLAS: one core each
            Nd4j.factory().blas().setMaxThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / spark.defaultParallelism()));
        }
        SparkComputationGraph distributed = new SparkComputationGraph(spark, graph, master);
        sparkMaster = spark.master();
        workers = spark.defaultParallelism();
        trainingMaster = master.getClass().getSimpleName();
        epochSeconds = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            INDArray before = distributed.getNetwork().params().dup();
            long start = System.nanoTime();
            fitEpoch(distributed, epochData.apply(epoch), epoch);
            epochSeconds[epoch] = (System.nanoTime() - start) / 1e9;
            examples += examplesPerEpoch;
            ComputationGraph trained = distributed.getNetwork();
            if (Checks.nonFinite(trained.params()) > 0) {
                trained.setParams(before);
                throw new IllegalStateException(task + ": the parameters became NaN or infinite in epoch " + (epoch + 1)
                        + " on Spark; the model keeps those of the epoch before (lower --learning-rate or check the data)");
            }
            System.out.printf("%s: epoch %d of %d on Spark in %.1f s, score %.4f%n", task, epoch + 1, epochs,
                    epochSeconds[epoch], distributed.getScore());
        }
        return distributed.getNetwork();
    }

    /**
     * One pass; a worker's failure (a head refusing a non-finite score, say) ends it with the worker's message, and
     * the graph keeps the parameters of the last completed averaging.
     */
    private void fitEpoch(SparkComputationGraph distributed, JavaRDD<MultiDataSet> data, int epoch) {
        try {
            distributed.fitMultiDataSet(data);
        } catch (Exception e) { // Spark's Scala code throws its checked SparkException undeclared
            Throwable spark = e;
            while (spark != null && !(spark instanceof SparkException)) {
                spark = spark.getCause();
            }
            if (spark == null) {
                throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
            }
            String message = String.valueOf(spark.getMessage());
            throw new IllegalStateException(task + ": a worker failed in epoch " + (epoch + 1) + "; the model keeps the "
                    + "parameters of the last averaging: " + message.lines().findFirst().orElse(message), e);
        }
    }

    /**
     * Fails unless every {@link ActNorm} step has run its data-dependent initialisation: a worker would otherwise
     * initialise its own copy from its own first minibatch at every averaging, and the copies would never train.
     */
    static void requireInitialized(ComputationGraph graph) {
        for (Map.Entry<String, GraphVertex> vertex : graph.getConfiguration().getVertices().entrySet()) {
            if (vertex.getValue() instanceof LayerVertex) {
                Object layer = ((LayerVertex) vertex.getValue()).getLayerConf().getLayer();
                if (layer instanceof ActNorm && !((ActNorm) layer).isInitialized()) {
                    throw new IllegalArgumentException("graph: ActNorm step '" + vertex.getKey() + "' is not initialised; "
                            + "expected Flow.initialize on the driver before training on Spark, where each worker would "
                            + "otherwise initialise its own copy from its own minibatch");
                }
            }
        }
    }

    /** Seconds of each epoch of the last {@link #fit}. */
    double[] epochSeconds() {
        return epochSeconds.clone();
    }

    /**
     * The last fit as metrics.json reports it: where it ran (Spark master, workers, DL4J's training master), seconds,
     * examples per second and seconds per epoch.
     */
    void putRun(Metrics metrics) {
        double seconds = java.util.Arrays.stream(epochSeconds).sum();
        metrics.put("spark_master", sparkMaster)
                .put("spark_workers", workers)
                .put("training_master", trainingMaster)
                .put("train_seconds", seconds)
                .put("train_examples_per_sec", seconds > 0 ? examples / seconds : 0.0)
                .put("epoch_seconds", epochSeconds());
    }
}
