package org.dl4jlvm.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark examples CLI: {@code spark-submit --class org.dl4jlvm.examples.SparkMain dl4j-lvm-spark.jar <command>}, or
 * in Spark's local mode {@code java -cp ... org.dl4jlvm.examples.SparkMain <command>} (see the README).
 */
@Command(name = "dl4j-lvm-spark", mixinStandardHelpOptions = true, version = "dl4j-lvm 0.1.0",
        description = "Latent variable models for DeepLearning4J, trained on Spark.",
        subcommands = {SparkVaeCommand.class, SparkFlowCommand.class})
public final class SparkMain implements Runnable {

    /**
     * Runs the command line. Outside spark-submit (Spark's local mode) with the {@link FastestSettings}, in a child
     * JVM when some are not set; under spark-submit the executors get them through {@code spark.executorEnv}.
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> missing = FastestSettings.missingEnvironment();
        String submitted = System.getProperty("spark.master");
        if (submitted == null && !missing.isEmpty()) {
            System.exit(FastestSettings.relaunch(SparkMain.class, args, missing));
        }
        if (submitted != null && submitted.startsWith("local") && !missing.isEmpty()) {
            System.err.println("settings: in local mode the workers run in this driver, which lacks " + missing
                    + "; set them before spark-submit to train as the tests do");
        }
        FastestSettings.applyProperties();
        QuietStdout.install();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code: 0 on success, 2 for a usage or run-time error. */
    public static int run(String... args) {
        return Main.run(new CommandLine(new SparkMain()), new java.io.PrintWriter(System.out, true),
                new java.io.PrintWriter(System.err, true), args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
