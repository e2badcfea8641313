package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbiCommandTest {

    /** A short two-moons run: the files, the samples inside the prior's box, and the metrics that describe them. */
    @Test
    void writesSamplesPicturesAndMetrics(@TempDir Path out) throws Exception {
        assertEquals(0, Main.run("sbi", "--task", "two-moons", "--simulations", "1500", "--max-epochs", "3",
                "--samples", "500", "--sbc-pairs", "10", "--sbc-draws", "20", "--out", out.toString()));
        List<String> lines = Files.readAllLines(out.resolve("posterior_samples.csv"));
        assertEquals("theta1,theta2", lines.get(0));
        assertEquals(501, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            for (String field : line.split(",")) {
                double value = Double.parseDouble(field);
                assertTrue(value >= -1 && value < 1, "a sample outside the prior's box: " + line);
            }
        }
        assertTrue(ImageIO.read(out.resolve("corner.png").toFile()).getWidth() >= 500, "corner.png");
        assertTrue(ImageIO.read(out.resolve("sbc.png").toFile()).getWidth() >= 600, "sbc.png");
        Map<String, Object> metrics = CommandOutputs.metrics(out);
        for (String key : new String[] {"task", "simulations", "seconds", "epochs", "validation_nll", "leakage",
                "theta_true", "posterior", "sbc_ks_p", "coverage"}) {
            assertTrue(metrics.containsKey(key), "metrics.json lacks " + key);
        }
        assertTrue(((Map<?, ?>) metrics.get("posterior")).containsKey("theta2"));
        assertEquals(2, ((Map<?, ?>) metrics.get("sbc_ks_p")).size());
    }

    /** Ricker conditioned on its log counts: fifty counts in, three parameters out, and the report says so. */
    @Test
    void rickerOnRawCountsReportsItsContext(@TempDir Path out) throws Exception {
        assertEquals(0, Main.run("sbi", "--task", "ricker", "--summaries", "raw", "--simulations", "400",
                "--max-epochs", "1", "--samples", "50", "--sbc-pairs", "3", "--sbc-draws", "10", "--out", out.toString()));
        assertEquals("log_r,sigma,phi", Files.readAllLines(out.resolve("posterior_samples.csv")).get(0));
        Map<String, Object> metrics = CommandOutputs.metrics(out);
        assertEquals("raw", metrics.get("summaries"));
        assertEquals(50, ((java.util.List<?>) metrics.get("observed")).size());
    }

    @Test
    void aWrongObservationIsRefusedByName(@TempDir Path out) throws Exception {
        Path file = Files.writeString(out.resolve("observed.csv"), "0.1,0.2,0.3\n");
        assertNotEquals(0, Main.run("sbi", "--task", "two-moons", "--observed", file.toString(), "--out", out.toString()));
        assertEquals("--observed: expected 2 numbers in " + file + ", found 3",
                assertMessage(() -> SbiCommand.readObservation(file, 2)));
        Path bad = Files.writeString(out.resolve("bad.csv"), "0.1,x\n");
        assertEquals("--observed: expected a number at position 2 of " + bad + ", found 'x'",
                assertMessage(() -> SbiCommand.readObservation(bad, 2)));
        assertNotEquals(0, Main.run("sbi", "--task", "lotka", "--out", out.toString()));
        assertTrue(Files.notExists(out.resolve("metrics.json")), "nothing written for bad input");
    }

    private static String assertMessage(org.junit.jupiter.api.function.Executable action) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, action).getMessage();
    }
}
