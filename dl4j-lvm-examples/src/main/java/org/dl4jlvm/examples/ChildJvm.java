package org.dl4jlvm.examples;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An examples CLI in another JVM, started as a user starts it: this JVM's {@code java}, the given JVM options, this
 * class path and the CLI's main class ({@link Main} unless another is named) with its arguments. The child applies the
 * {@link FastestSettings} itself, as the command line does.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** A child started with this JVM's own options (those the user gave {@code java}), as the CLI restarts itself. */
    public static ProcessBuilder likeThisJvm(List<String> args) {
        return likeThisJvm(Main.class, args);
    }

    /** A child running {@code main} (a class on this class path) with this JVM's own options. */
    public static ProcessBuilder likeThisJvm(Class<?> main, List<String> args) {
        return builder(main, ManagementFactory.getRuntimeMXBean().getInputArguments(), args);
    }

    /** {@code java <jvmOptions> -cp <this class path> org.dl4jlvm.examples.Main <args>}. */
    public static ProcessBuilder builder(List<String> jvmOptions, List<String> args) {
        return builder(Main.class, jvmOptions, args);
    }

    private static ProcessBuilder builder(Class<?> main, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return new ProcessBuilder(command);
    }
}
