package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI starts itself again with OMP_NUM_THREADS=1 unless the user chose a thread count. */
class FastestSettingsTest {

    private static String[] launch(String threads) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version")).redirectErrorStream(true);
        builder.environment().remove(FastestSettings.THREADS);
        if (threads != null) {
            builder.environment().put(FastestSettings.THREADS, threads);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(process.waitFor()), output};
    }

    @Test
    void withoutAThreadCountTheCommandRunsWithOne() throws Exception {
        String[] result = launch(null);
        assertEquals("0", result[0], result[1]);
        assertTrue(result[1].contains("settings: OMP_NUM_THREADS=1"), result[1]);
        assertTrue(result[1].contains("dl4j-lvm 0.1.0"), result[1]);
    }

    @Test
    void theUsersThreadCountIsKept() throws Exception {
        String[] result = launch("2");
        assertEquals("0", result[0], result[1]);
        assertFalse(result[1].contains("settings:"), result[1]);
        assertTrue(result[1].contains("dl4j-lvm 0.1.0"), result[1]);
    }
}
