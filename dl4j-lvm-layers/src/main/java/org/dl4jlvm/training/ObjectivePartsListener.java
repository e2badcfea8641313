package org.dl4jlvm.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.NonFiniteScoreException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the score and the parts of the objective ({@link ObjectiveParts}) every {@code frequency} iterations,
 * to the log (INFO) and, when given, to a CSV file with the header {@code iteration,epoch,score,<parts>}
 * (appended to when it exists, so a resumed run continues it). It stops training, before the parameters are
 * updated, with a {@link NonFiniteScoreException} as soon as the score or the gradient is NaN or infinite, so the
 * model keeps its last finite parameters; a NaN or infinite activation reaches the score, where the output heads stop
 * it themselves. The guard costs one vectorised pass over the gradient per iteration ({@link Checks#nonFinite}); it
 * used to scan every activation and the gradient twice each, 11.5 ms of a 32 ms VAE step.
 */
public class ObjectivePartsListener extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectivePartsListener.class);

    private final ObjectiveParts parts;
    private final int frequency;
    private final Path csv;
    private double[] latest;

    /** Reports every {@code frequency} iterations to the log and, if {@code csv} is not null, to that file. */
    public ObjectivePartsListener(ObjectiveParts parts, int frequency, Path csv) {
        this.parts = Objects.requireNonNull(parts, "parts");
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency: expected at least 1 iteration, found " + frequency);
        }
        this.frequency = frequency;
        this.csv = csv;
        if (csv != null && !Files.exists(csv)) {
            append("iteration,epoch,score," + String.join(",", parts.names()));
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph graph = (ComputationGraph) model;
        if (graph.getIterationCount() % frequency == 0) {
            latest = parts.of(graph, activations);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        ComputationGraph graph = (ComputationGraph) model;
        double score = model.score();
        if (!Double.isFinite(score)) {
            throw stop(graph, "the score is " + score);
        }
        INDArray gradient = model.gradient().gradient();
        // one ?asum pass when the gradient is finite (Checks.nonFinite counts only when that sum is not)
        long bad = Checks.nonFinite(gradient);
        if (bad > 0) {
            throw stop(graph, "the gradient has " + bad + " NaN or infinite entries (score " + score + ")");
        }
    }

    private static NonFiniteScoreException stop(ComputationGraph graph, String problem) {
        return new NonFiniteScoreException("training stopped at iteration " + graph.getIterationCount() + " (epoch "
                + graph.getEpochCount() + "): " + problem + "; the parameters are those before this step. "
                + "Lower the learning rate, or check the data for NaN, infinite or out-of-range values.");
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % frequency != 0 || latest == null) {
            return;
        }
        StringBuilder line = new StringBuilder().append(iteration).append(',').append(epoch).append(',').append(model.score());
        StringBuilder message = new StringBuilder(String.format("iteration %d (epoch %d): score %.4f", iteration, epoch, model.score()));
        List<String> names = parts.names();
        for (int i = 0; i < names.size(); i++) {
            line.append(',').append(latest[i]);
            message.append(String.format(", %s %.4f", names.get(i), latest[i]));
        }
        LOG.info(message.toString());
        if (csv != null) {
            append(line.toString());
        }
        latest = null;
    }

    private void append(String line) {
        try {
            Files.write(csv, (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot write " + csv, e);
        }
    }
}
