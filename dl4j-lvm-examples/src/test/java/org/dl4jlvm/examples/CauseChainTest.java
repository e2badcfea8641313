package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run-time error is one console line, and its whole cause chain goes to the log: here the dashboard's port is taken,
 * the console line says that the UI server failed to start, and only the log names the root cause.
 */
class CauseChainTest {
    @Test
    void aRunTimeErrorPrintsOneLineAndLogsItsCauseChain(@TempDir Path folder) throws Exception {
        Path log = folder.resolve("log.txt");
        int exit;
        try (ServerSocket taken = new ServerSocket(0)) {
            exit = ChildCli.run(log, List.of("flow", "--dataset", "moons", "--iterations", "10", "--ui",
                    "--ui-port", String.valueOf(taken.getLocalPort()), "--out", folder.resolve("out").toString()));
        }
        String text = CommandOutputs.text(log);
        assertEquals(2, exit, text);
        List<String> errors = text.lines().filter(line -> line.startsWith("error: ")).collect(Collectors.toList());
        assertEquals(1, errors.size(), text);
        assertTrue(errors.get(0).startsWith("error: --ui-port: cannot serve the dashboard on port "), errors.get(0));
        assertTrue(text.contains("INFO org.dl4jlvm.examples.Main - the error's cause chain"), text);
        assertTrue(text.contains("Caused by: java.net.BindException"), "the root cause reaches the log: " + text);
        assertTrue(!errors.get(0).contains("BindException"), "the console line stays short: " + errors.get(0));
        assertTrue(Files.notExists(folder.resolve("out").resolve("metrics.json")), "no results from a failed run");
    }
}
