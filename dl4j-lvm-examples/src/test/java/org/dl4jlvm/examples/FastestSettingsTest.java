package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI starts itself again with the fastest settings' environment unless the user set it. */
class FastestSettingsTest {

    private static String[] launch(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = ChildCli.builder(List.of(args)).redirectErrorStream(true);
        builder.environment().remove(FastestSettings.THREADS);
        builder.environment().remove(FastestSettings.CORE_TYPE);
        builder.environment().remove(FastestSettings.THREAD_TIMEOUT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(process.waitFor()), output};
    }

    @Test
    void withoutTheVariablesTheCommandRunsWithThem(@TempDir Path out) throws Exception {
        String[] result = launch(Map.of(), "bench", "--cases", "sgemm", "--sgemm-size", "16", "--warmup", "0",
                "--iterations", "1", "--no-reference", "--out", out.toString());
        assertEquals("0", result[0], result[1]);
        assertTrue(result[1].contains("settings: OMP_NUM_THREADS=1"), result[1]);
        Map<?, ?> settings = (Map<?, ?>) Metrics.read(out.resolve("bench.json")).get("settings");
        assertEquals("1", settings.get(FastestSettings.THREADS));
        assertEquals(FastestSettings.SHORTEST_TIMEOUT, settings.get(FastestSettings.THREAD_TIMEOUT));
        String settingsLine = result[1].lines().filter(line -> line.startsWith("settings:")).findFirst().orElseThrow();
        if (FastestSettings.isX86()) {
            assertTrue(settingsLine.contains("OPENBLAS_CORETYPE=Haswell"), settingsLine);
            assertEquals("Haswell", settings.get(FastestSettings.CORE_TYPE));
        } else {
            assertFalse(settingsLine.contains(FastestSettings.CORE_TYPE), settingsLine);
        }
    }

    /**
     * This test JVM runs under what the CLI would start with (.mvn/test-jvm/bin/java and the POM's surefire settings): the
     * CLI would add nothing to its environment, so the tests check the numerics the commands compute with.
     */
    @Test
    void theTestsRunUnderTheCommandsSettings() {
        assertEquals(Map.of(), FastestSettings.missingEnvironment(),
                "surefire started this JVM without the settings the CLI adds; see .mvn/test-jvm/bin/java");
    }

    @Test
    void theUsersVariablesAreKept() throws Exception {
        String[] result = launch(Map.of(FastestSettings.THREADS, "2", FastestSettings.CORE_TYPE, "Haswell",
                FastestSettings.THREAD_TIMEOUT, "28"), "--version");
        assertEquals("0", result[0], result[1]);
        assertFalse(result[1].contains("settings:"), result[1]);
        assertTrue(result[1].contains("dl4j-lvm 0.1.0"), result[1]);
    }
}
