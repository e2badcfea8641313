package org.dl4jlvm.examples.bench;

import java.util.List;
import java.util.Objects;

/**
 * One end-to-end training case: the examples CLI's command line as a user runs it, and the arguments of the PyTorch
 * training script ({@code bench_training.py}) that trains the same model over the same data.
 */
public final class TrainingCase {
    private final String name;
    private final List<String> command;
    private final List<String> scriptArguments;

    public TrainingCase(String name, List<String> command, List<String> scriptArguments) {
        this.name = Objects.requireNonNull(name, "name");
        this.command = List.copyOf(command);
        this.scriptArguments = List.copyOf(scriptArguments);
    }

    public String name() {
        return name;
    }

    /** The CLI's arguments, without {@code --out}. */
    public List<String> command() {
        return command;
    }

    public List<String> scriptArguments() {
        return scriptArguments;
    }
}
