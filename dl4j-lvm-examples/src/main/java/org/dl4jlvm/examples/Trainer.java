package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dl4jlvm.training.Checkpoints;
import org.dl4jlvm.training.ObjectiveParts;
import org.dl4jlvm.training.ObjectivePartsListener;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Trains a graph as the {@link TrainingOptions} ask: progress bar, objective parts to the log and
 * {@code OUT/objective.csv}, checkpoints, resuming, early stopping with DL4J's {@code EarlyStoppingGraphTrainer},
 * and DL4J's training dashboard.
 */
final class Trainer {
    private final TrainingOptions options;
    private final Path out;
    private final String task;
    private static volatile int dashboardPort;
    private EarlyStoppingResult<ComputationGraph> earlyStoppingResult;
    private long trainedExamples;
    private double trainSeconds;
    private int blasThreads;

    Trainer(TrainingOptions options, Path out, String task) {
        options.check();
        this.options = options;
        this.out = out;
        this.task = task;
    }

    /** The graph to train: {@code fresh}, or with {@code --resume} the checkpoint, which must hold the same model. */
    ComputationGraph start(ComputationGraph fresh) throws IOException {
        if (options.resume == null) {
            return fresh;
        }
        ComputationGraph resumed = Checkpoints.load(options.resume);
        if (resumed.numParams() != fresh.numParams()
                || !resumed.getConfiguration().getVertices().keySet().equals(fresh.getConfiguration().getVertices().keySet())) {
            throw new IllegalArgumentException("--resume: the checkpoint in " + options.resume + " holds another model ("
                    + resumed.numParams() + " parameters) than these options build (" + fresh.numParams()
                    + "); give the options of the interrupted run");
        }
        System.out.println("resuming from " + options.resume.resolve(Checkpoints.FILE) + " at iteration " + resumed.getIterationCount());
        return resumed;
    }

    /**
     * Trains until the graph has done {@code totalIterations} iterations, in rounds of {@code roundSize} (DL4J
     * epochs), taking minibatches from {@code data} (which has {@code batchesPerPass} per pass); a resumed graph
     * continues where its data stopped. With {@code --early-stopping}, {@code heldOut} scores every round and the
     * best graph is returned.
     */
    ComputationGraph fit(ComputationGraph graph, MultiDataSetIterator data, long batchesPerPass, long totalIterations,
            long roundSize, ObjectiveParts parts, ScoreCalculator<ComputationGraph> heldOut) throws IOException {
        long remaining = totalIterations - graph.getIterationCount();
        if (remaining <= 0) {
            System.out.println(task + ": the model has done its " + totalIterations + " iterations already");
            return graph;
        }
        java.nio.file.Files.createDirectories(out);
        blasThreads = FastestSettings.useBlasThreadsFor(graph.numParams());
        if (blasThreads > 1) {
            System.out.println(task + ": " + blasThreads + " BLAS threads for " + graph.numParams() + " parameters");
        }
        Rounds rounds = new Rounds(data, Math.min(roundSize, remaining));
        data.reset();
        rounds.skip(graph.getIterationCount() % batchesPerPass);
        long start = System.nanoTime();
        try (ProgressListener progress = new ProgressListener(task, remaining, "")) {
            graph.setListeners(listeners(graph, parts, progress));
            if (options.patience > 0) {
                return earlyStopping(graph, rounds, (remaining + roundSize - 1) / roundSize, heldOut);
            }
            while (graph.getIterationCount() < totalIterations) {
                rounds.size(Math.min(roundSize, totalIterations - graph.getIterationCount()));
                graph.fit(rounds);
            }
            return graph;
        } finally {
            trainSeconds = (System.nanoTime() - start) / 1e9;
            trainedExamples = rounds.examples();
            graph.setListeners();
        }
    }

    /**
     * What the last {@link #fit} trained: seconds in the training loop (minibatches, steps, listeners and, with early
     * stopping, the held-out scores), examples trained on per second and OpenBLAS's threads, as metrics.json reports
     * them.
     */
    void putSpeed(Metrics metrics) {
        metrics.put("train_seconds", trainSeconds)
                .put("train_examples_per_sec", trainSeconds > 0 ? trainedExamples / trainSeconds : 0.0)
                .put("blas_threads", blasThreads);
    }

    /** The port of the training dashboard this process serves, or 0. */
    static int dashboardPort() {
        return dashboardPort;
    }

    /** The result of the last early-stopping run, or null. */
    EarlyStoppingResult<ComputationGraph> earlyStoppingResult() {
        return earlyStoppingResult;
    }

    private List<TrainingListener> listeners(ComputationGraph graph, ObjectiveParts parts, ProgressListener progress) {
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(progress);
        listeners.add(new ObjectivePartsListener(parts, options.logEvery, out.resolve("objective.csv")));
        if (options.checkpointEvery > 0) {
            listeners.add(new Checkpoints(out.resolve("checkpoints"), options.checkpointEvery));
        }
        if (options.ui) {
            listeners.add(new StatsListener(dashboard(), 10));
        }
        return listeners;
    }

    private StatsStorage dashboard() {
        VertxUIServer server;
        try {
            server = VertxUIServer.getInstance(options.uiPort, false, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("--ui-port: cannot serve the dashboard on port " + options.uiPort + ": " + e.getMessage(), e);
        }
        if (server.getPort() != options.uiPort) {
            throw new IllegalArgumentException("--ui-port: the dashboard already runs on port " + server.getPort()
                    + " in this process; expected " + options.uiPort);
        }
        dashboardPort = options.uiPort;
        StatsStorage storage = new InMemoryStatsStorage();
        server.attach(storage);
        System.out.println("training dashboard: http://localhost:" + options.uiPort + "/train/overview");
        return storage;
    }

    private ComputationGraph earlyStopping(ComputationGraph graph, Rounds rounds, long maxRounds,
            ScoreCalculator<ComputationGraph> heldOut) throws IOException {
        InMemoryModelSaver<ComputationGraph> saver = new InMemoryModelSaver<>();
        saver.saveBestModel(graph, Double.MAX_VALUE);
        EarlyStoppingConfiguration<ComputationGraph> configuration = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition((int) maxRounds),
                        new ScoreImprovementEpochTerminationCondition(options.patience))
                .scoreCalculator(heldOut).modelSaver(saver).evaluateEveryNEpochs(1).build();
        EarlyStoppingResult<ComputationGraph> result = new EarlyStoppingGraphTrainer(configuration, graph, rounds, null).fit();
        earlyStoppingResult = result;
        if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            String details = result.getTerminationDetails();
            throw new IllegalStateException(details.substring(details.indexOf(':') + 1).trim());
        }
        // M2.1 overwrites getBestModelScore() with the best model's training score: read the held-out one
        System.out.printf("early stopping: best held-out score %.4f after round %d of %d (%s)%n",
                result.getScoreVsEpoch().get(result.getBestModelEpoch()),
                result.getBestModelEpoch() + 1, result.getTotalEpochs(), result.getTerminationDetails());
        return result.getBestModel();
    }
}
