package org.dl4jlvm.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves the graph with its updater state every {@code frequency} iterations to {@code folder/checkpoint.zip}
 * ({@link ModelSerializer}, which keeps the iteration and epoch counts in the configuration), and loads it
 * back with {@link #load}. Each save goes to a temporary file first and is then renamed over the previous
 * checkpoint, so a process killed at any moment leaves a complete checkpoint at most {@code frequency}
 * iterations old, and a resumed run can keep saving into the same folder. (DL4J's {@code CheckpointListener}
 * writes in place and refuses a folder that already holds checkpoints.)
 */
public class Checkpoints extends BaseTrainingListener {
    /** The checkpoint's file name in its folder. */
    public static final String FILE = "checkpoint.zip";

    private final Path folder;
    private final int frequency;

    public Checkpoints(Path folder, int frequency) {
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency: expected at least 1 iteration, found " + frequency);
        }
        this.folder = folder;
        this.frequency = frequency;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("folder: cannot create " + folder, e);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if ((iteration + 1) % frequency == 0) {
            save((ComputationGraph) model);
        }
    }

    /** Saves now, with the iteration count advanced past the iteration in progress. */
    private void save(ComputationGraph graph) {
        try {
            Path temporary = Files.createTempFile(folder, "checkpoint", ".tmp");
            // iterationDone comes before DL4J counts the finished iteration: store the count a resumed run starts at
            graph.getConfiguration().setIterationCount(graph.getIterationCount() + 1);
            try {
                ModelSerializer.writeModel(graph, temporary.toFile(), true);
            } finally {
                graph.getConfiguration().setIterationCount(graph.getIterationCount() - 1);
            }
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a checkpoint in " + folder, e);
        }
    }

    /** The graph of the last checkpoint in {@code folder}, with its updater state and iteration and epoch counts. */
    public static ComputationGraph load(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("resume folder: expected a checkpoint " + FILE + " in " + folder.toAbsolutePath()
                    + ", found none");
        }
        return ModelSerializer.restoreComputationGraph(file.toFile(), true);
    }
}
