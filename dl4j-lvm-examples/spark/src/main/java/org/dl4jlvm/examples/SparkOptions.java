package org.dl4jlvm.examples;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import picocli.CommandLine.Option;

/** Where and how the Spark commands train: the Spark master and DL4J's training master. */
final class SparkOptions {
    private static final String AERON_UNBLOCK = "aeron.publication.unblock.timeout";
    private static final String UNBLOCK_NANOS = "60000000000";

    /** DL4J's distributed training schemes. */
    enum Scheme {
        /** {@link ParameterAveragingTrainingMaster}: workers fit their minibatches, then the parameters and updater states are averaged. */
        AVERAGING,
        /** {@link SharedTrainingMaster}: workers exchange threshold-encoded gradient updates asynchronously (Strom, 2015). */
        SHARED
    }

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit gives, else local[N] with N the cores).")
    String master;

    @Option(names = "--training-master", defaultValue = "AVERAGING",
            description = "AVERAGING (parameter averaging) or SHARED (shared threshold-encoded gradients) (default: ${DEFAULT-VALUE}).")
    Scheme scheme;

    @Option(names = "--averaging-frequency", defaultValue = "5", paramLabel = "N",
            description = "AVERAGING: minibatches each worker fits between two averagings (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;

    @Option(names = "--port", defaultValue = "40123",
            description = "SHARED: UDP port of the workers' update transport (default: ${DEFAULT-VALUE}).")
    int port;

    /** Fails with a message naming the option when a value is out of range. */
    void check() {
        org.dl4jlvm.core.Checks.atLeastOne("--averaging-frequency", averagingFrequency);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port: expected a port between 1 and 65535, found " + port);
        }
    }

    /**
     * Starts Spark: the master of {@code --master}, else spark-submit's, else local mode on every core. Executors get
     * the environment of the {@link FastestSettings} that the user's configuration does not set.
     */
    JavaSparkContext start(String application) {
        SparkConf conf = new SparkConf().setAppName(application);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + Runtime.getRuntime().availableProcessors() + "]");
        }
        for (Map.Entry<String, String> variable : FastestSettings.defaultEnvironment().entrySet()) {
            conf.setIfMissing("spark.executorEnv." + variable.getKey(), variable.getValue());
        }
        if (scheme == Scheme.SHARED) {
            // Aeron 1.32 refuses the 30 s client liveness timeout of DL4J's transport unless publications unblock later
            if (System.getProperty(AERON_UNBLOCK) == null) {
                System.setProperty(AERON_UNBLOCK, UNBLOCK_NANOS);
            }
            String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
            if (!executorOptions.contains(AERON_UNBLOCK)) {
                conf.set("spark.executor.extraJavaOptions", (executorOptions + " -D" + AERON_UNBLOCK + "=" + UNBLOCK_NANOS).trim());
            }
        }
        return new JavaSparkContext(conf);
    }

    /**
     * DL4J's training master for minibatches of {@code batch} examples (the RDD holds minibatches of that size). The
     * shared-gradients master's workers reach the driver at the address Spark's driver uses.
     */
    TrainingMaster<?, ?> trainingMaster(JavaSparkContext context, int batch, long seed) {
        if (scheme == Scheme.SHARED) {
            VoidConfiguration transport = VoidConfiguration.builder().unicastPort(port)
                    .controllerAddress(context.getConf().get("spark.driver.host")).build();
            return new SharedTrainingMaster.Builder(transport, batch).batchSizePerWorker(batch).workersPerNode(1)
                    .rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(seed).build();
        }
        return new CountingParameterAveraging(new ParameterAveragingTrainingMaster.Builder(batch).batchSizePerWorker(batch)
                .averagingFrequency(averagingFrequency).saveUpdater(true).workerPrefetchNumBatches(0)
                // DL4J's default keeps the minibatches serialised, and its every round filters all of them: 3.3x slower
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(seed));
    }
}
