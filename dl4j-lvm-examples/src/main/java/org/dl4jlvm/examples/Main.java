package org.dl4jlvm.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples CLI: {@code java -jar dl4j-lvm-examples.jar <command> [options]}. */
@Command(name = "dl4j-lvm-examples", mixinStandardHelpOptions = true, version = "dl4j-lvm 0.1.0",
        description = "Latent variable models for DeepLearning4J: runnable examples.",
        subcommands = {VaeCommand.class, FlowCommand.class, PcaCommand.class, Manifold2dCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        QuietStdout.install();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code: 0 on success, 2 for a usage or run-time error. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + exception.getMessage()));
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
