package org.dl4jlvm.examples;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import picocli.CommandLine.Option;

/** Where and how the Spark commands train: the Spark master and DL4J's parameter averaging. */
final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit gives, else local[N] with N the cores).")
    String master;

    @Option(names = "--averaging-frequency", defaultValue = "5", paramLabel = "N",
            description = "Minibatches each worker fits between two averagings of the parameters (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;

    /** Fails with a message naming the option when a value is out of range. */
    void check() {
        org.dl4jlvm.core.Checks.atLeastOne("--averaging-frequency", averagingFrequency);
    }

    /**
     * Starts Spark: the master of {@code --master}, else spark-submit's, else local mode on every core. Unless the
     * user's configuration says otherwise, Spark serialises with Kryo and {@link ArrayKryoRegistrator}, and executors
     * get the environment of the {@link FastestSettings}.
     */
    JavaSparkContext start(String application) {
        SparkConf conf = new SparkConf().setAppName(application);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + Runtime.getRuntime().availableProcessors() + "]");
        }
        // Kryo with block-wise arrays: ND4J's Java serialisation writes arrays an element at a time
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", ArrayKryoRegistrator.class.getName());
        // a task's result holds a worker's parameters and Adam's states: 3 x 4 bytes a parameter, past Kryo's 64 MB
        conf.setIfMissing("spark.kryoserializer.buffer.max", "1g");
        for (Map.Entry<String, String> variable : FastestSettings.defaultEnvironment().entrySet()) {
            conf.setIfMissing("spark.executorEnv." + variable.getKey(), variable.getValue());
        }
        return new JavaSparkContext(conf);
    }

    /**
     * DL4J's parameter averaging, with the workers continuing the driver's iteration count, for minibatches of
     * {@code batch} examples (the RDD holds minibatches of that size): each worker fits {@code --averaging-frequency}
     * minibatches, then the parameters and the updater's states are averaged.
     */
    TrainingMaster<?, ?> trainingMaster(int batch, long seed) {
        return new CountingParameterAveraging(new ParameterAveragingTrainingMaster.Builder(batch).batchSizePerWorker(batch)
                .averagingFrequency(averagingFrequency).saveUpdater(true).workerPrefetchNumBatches(0)
                // DL4J's default keeps the minibatches serialised, and its every round filters all of them: 3.3x slower
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(seed));
    }
}
