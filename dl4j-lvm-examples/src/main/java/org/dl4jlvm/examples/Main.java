package org.dl4jlvm.examples;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples CLI: {@code java -jar dl4j-lvm-examples.jar <command> [options]}. */
@Command(name = "dl4j-lvm-examples", mixinStandardHelpOptions = true, version = "dl4j-lvm 0.1.0",
        description = "Latent variable models for DeepLearning4J: runnable examples.",
        subcommands = {DemoCommand.class, CompareCommand.class, BenchCommand.class, VaeCommand.class, FlowCommand.class, SbiCommand.class, PcaCommand.class, Manifold2dCommand.class})
public final class Main implements Runnable {

    /**
     * Runs the command line with the {@link FastestSettings}: in a child JVM with their environment variables when
     * some are not set.
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> missing = FastestSettings.missingEnvironment();
        if (!missing.isEmpty()) {
            System.exit(FastestSettings.relaunch(Main.class, args, missing));
        }
        FastestSettings.applyProperties();
        QuietStdout.install();
        int code = run(args);
        if (Trainer.dashboardPort() != 0 && System.console() != null) {
            System.out.println("the training dashboard stays at http://localhost:" + Trainer.dashboardPort()
                    + "/train/overview; press Enter to stop");
            System.console().readLine();
        }
        System.exit(code);
    }

    /** Runs one command line and returns its exit code: 0 on success, 2 for a usage or run-time error. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs one command line with help and errors written to {@code out} and {@code err}. An error is one line,
     * {@code error: <what>}, with no stack trace; a bad option adds which command's {@code --help} to read. The whole
     * cause chain of a run-time error goes to the log (slf4j, logger {@code org.dl4jlvm.examples.Main}, level INFO).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new CommandLine(new Main()), out, err, args);
    }

    /** Runs one command line of {@code commandLine} (this CLI's or another's) with the error handling of {@link #run}. */
    static int run(CommandLine commandLine, PrintWriter out, PrintWriter err, String... args) {
        commandLine.setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine line = exception.getCommandLine();
            line.getErr().println(line.getColorScheme().errorText("error: " + exception.getMessage() + " (see '"
                    + line.getCommandSpec().qualifiedName() + " --help')"));
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
            line.getErr().println(line.getColorScheme().errorText("error: " + message.replace('\n', ' ')));
            LoggerFactory.getLogger(Main.class).info("the error's cause chain", exception);
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
