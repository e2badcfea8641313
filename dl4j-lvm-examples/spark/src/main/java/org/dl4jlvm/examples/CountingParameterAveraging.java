package org.dl4jlvm.examples;

import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's {@link ParameterAveragingTrainingMaster} whose workers continue the driver's iteration and epoch counts.
 *
 * <p>Why: the worker of DL4J 1.0.0-M2.1 builds its graph from {@code ComputationGraphConfiguration.clone()}, which
 * drops both counts, so after every averaging each worker starts again at iteration 0. Everything that reads the
 * iteration restarts with it: Adam's bias correction (the first steps of every round shrink to about a third),
 * learning-rate schedules and the VAE's KL warm-up, which never got past its first {@code averagingFrequency}
 * iterations. The driver's own counts were right (it adds the averaging frequency after every round); this master
 * hands them to the workers with the parameters.
 */
public class CountingParameterAveraging extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    /** A master with the settings of {@code builder} (its {@code build()} gives DL4J's master without the fix). */
    public CountingParameterAveraging(ParameterAveragingTrainingMaster.Builder builder) {
        super(builder);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        ComputationGraph network = graph.getNetwork();
        NetBroadcastTuple tuple = new NetBroadcastTuple(network.getConfiguration(), network.params(),
                network.getUpdater().getStateViewArray());
        Broadcast<NetBroadcastTuple> broadcast = graph.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(false, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new Worker(broadcast, saveUpdater, configuration, this, network.getIterationCount(), network.getEpochCount());
    }

    /** DL4J's worker, with the driver's counts set on the graph it trains. */
    static final class Worker extends ParameterAveragingTrainingWorker {
        private static final long serialVersionUID = 1L;
        private final int iterations;
        private final int epochs;

        Worker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater, WorkerConfiguration configuration,
                CountingParameterAveraging master, int iterations, int epochs) {
            super(broadcast, saveUpdater, configuration, master.trainingHookList, master.listeners, master.getRouterProvider());
            this.iterations = iterations;
            this.epochs = epochs;
        }

        @Override
        public ComputationGraph getInitialModelGraph() {
            ComputationGraph graph = super.getInitialModelGraph();
            graph.getConfiguration().setIterationCount(iterations);
            graph.getConfiguration().setEpochCount(epochs);
            return graph;
        }
    }
}
