package org.dl4jlvm.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * The examples CLI in a child JVM, started as a user starts it: {@link Main#main} with this JVM's class path and
 * environment, so that it applies its own settings exactly as the command line does.
 */
final class ChildCli {
    private ChildCli() {
    }

    /** A process builder for {@code java -cp <class path> org.dl4jlvm.examples.Main args...}. */
    static ProcessBuilder builder(List<String> args) {
        // the jar's own log level for this library (main resources' simplelogger.properties), which the tests'
        // configuration shadows on this class path
        return ChildJvm.builder(List.of("-Dorg.slf4j.simpleLogger.log.org.dl4jlvm=info"), args);
    }

    /** Runs the CLI to its end with its output in {@code log}; returns the exit code. */
    static int run(Path log, List<String> args) throws Exception {
        return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
    }
}
