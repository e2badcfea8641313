package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command lists its options with --help and fails with a one-line error and exit code 2. */
class CommandLineTest {
    private static final List<String> COMMANDS = List.of("demo", "compare", "vae", "flow", "pca", "manifold2d");

    /** exit code, standard output, standard error */
    private static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Object[] {code, out.toString(), err.toString()};
    }

    private static void assertOneLineError(Object[] result, String... parts) {
        assertEquals(2, result[0], "exit code; stderr: " + result[2]);
        String err = ((String) result[2]).strip();
        assertFalse(err.contains("\n"), "one line expected: " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace expected: " + err);
        assertTrue(err.startsWith("error: "), err);
        for (String part : parts) {
            assertTrue(err.contains(part), "'" + part + "' expected in: " + err);
        }
    }

    @Test
    void everyCommandListsItsOptions() {
        for (String command : COMMANDS) {
            Object[] result = run(command, "--help");
            assertEquals(0, result[0], command);
            String usage = (String) result[1];
            assertTrue(usage.startsWith("Usage: dl4j-lvm-examples " + command), usage);
            assertTrue(usage.contains("--out") && usage.contains("--help"), command + ": " + usage);
        }
        String top = (String) run("--help")[1];
        for (String command : COMMANDS) {
            assertTrue(top.contains("  " + command + " "), "the top-level help lists " + command + ": " + top);
        }
    }

    @Test
    void aMissingDataFolderIsOneClearLine(@TempDir Path out) {
        Path missing = out.resolve("no-such-folder");
        for (String command : List.of("demo", "compare", "vae", "pca")) {
            assertOneLineError(run(command, "--data", missing.toString(), "--out", out.toString()), "--data", "no folder", missing.toString());
        }
        assertOneLineError(run("flow", "--dataset", "fashion", "--data", missing.toString(), "--out", out.toString()), "--data");
    }

    @Test
    void badOptionValuesAreOneClearLine(@TempDir Path out) {
        assertOneLineError(run("vae", "--epochs", "many"), "--epochs", "many", "vae --help");
        assertOneLineError(run("flow", "--kind", "SPLINES"), "--kind", "SPLINES", "flow --help");
        assertOneLineError(run("vae", "--no-such-option"), "--no-such-option");
        assertOneLineError(run("vae", "--epochs", "0", "--out", out.toString()), "--epochs", "0");
        assertOneLineError(run("flow", "--ui-port", "70000", "--out", out.toString()), "--ui-port", "70000");
        assertOneLineError(run("flow", "--checkpoint-every", "-5", "--out", out.toString()), "--checkpoint-every", "-5");
        assertOneLineError(run("flow", "--resume", out.resolve("none").toString(), "--out", out.toString()), "--resume", "no folder");
        assertOneLineError(run("compare", "--latent", "0", "--out", out.toString()), "--latent", "0");
    }
}
