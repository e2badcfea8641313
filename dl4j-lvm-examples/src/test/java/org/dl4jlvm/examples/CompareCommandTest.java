package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare scores PPCA, a Gaussian VAE and a flow on the same held-out images, all better than a uniform density. */
class CompareCommandTest {

    @Test
    void everyModelBeatsTheUniformDensityInBitsPerDimension(@TempDir Path out, @TempDir Path parent) throws Exception {
        Path data = CommandOutputs.bundledData(parent);
        assertEquals(0, Main.run("compare", "--latent", "8", "--vae-epochs", "1", "--flow-iterations", "30", "--flow-hidden", "32",
                "--test-examples", "200", "--iwae-k", "5", "--data", data.toString(), "--out", out.toString()));
        Map<String, Object> metrics = CommandOutputs.metrics(out, "ppca_bits_per_dim", "vae_bits_per_dim", "flow_bits_per_dim");
        for (String model : List.of("ppca", "vae", "flow")) {
            double bits = CommandOutputs.number(metrics, model + "_bits_per_dim");
            // a uniform density over the 256 levels gives exactly 8 bits per dimension
            assertTrue(bits > 0 && bits < 8, model + ": " + bits + " bits per dimension");
        }
        assertEquals("exact", metrics.get("ppca_likelihood"));
        assertEquals("lower bound", metrics.get("vae_likelihood"));
        assertEquals("exact", metrics.get("flow_likelihood"));
        List<String> table = Files.readAllLines(out.resolve("results.md"));
        assertEquals(2 + 3, table.size(), String.join("\n", table));
    }
}
