package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class FlowCommandTest {

    @Test
    void fitsATwoDimensionalDensityAndWritesPicturesAndMetrics(@TempDir Path out) throws Exception {
        assertEquals(0, Main.run("flow", "--dataset", "eight-gaussians", "--steps", "4", "--hidden", "32,32",
                "--iterations", "150", "--batch", "128", "--out", out.toString()));
        for (String picture : new String[] {"density.png", "samples.png"}) {
            assertTrue(ImageIO.read(out.resolve(picture).toFile()).getWidth() > 300, picture);
        }
        Map<String, Object> metrics = CommandOutputs.metrics(out);
        for (String key : new String[] {"command", "dataset", "iterations", "seconds", "train_examples_per_sec",
                "test_nll_nats", "bits_per_dim", "data_entropy_nats"}) {
            assertTrue(metrics.containsKey(key), "metrics.json lacks " + key);
        }
        assertEquals(0, CommandOutputs.number(metrics, "warmup_iterations"), "no warm-up unless asked, but for MULTISCALE");
        double nll = ((Number) metrics.get("test_nll_nats")).doubleValue();
        double entropy = ((Number) metrics.get("data_entropy_nats")).doubleValue();
        // 150 iterations: well above the entropy, but far below a standard normal fit's ~4.3 nats on this spread
        assertTrue(nll > entropy - 0.05 && nll < 4.3, "test NLL " + nll + ", entropy " + entropy);
    }

    /**
     * p(x, y | c) from a CSV whose last column c shifts x by 3 c: given the context the rest is a unit Gaussian in x
     * and y, NLL about 2.84 nats; without it x would spread over the shifts. Pictures per context, metrics with its width.
     */
    @Test
    void fitsAConditionalFlowGivenContextColumns(@TempDir Path out, @TempDir Path folder) throws Exception {
        StringBuilder csv = new StringBuilder("x,y,c\n");
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            int c = i % 3;
            csv.append(3 * c + random.nextGaussian()).append(',').append(random.nextGaussian()).append(',').append(c)
                    .append('\n');
        }
        Path file = Files.writeString(folder.resolve("given.csv"), csv.toString());
        assertEquals(0, Main.run("flow", "--csv", file.toString(), "--context-columns", "2", "--kind", "MAF", "--steps", "4",
                "--hidden", "32,32", "--iterations", "600", "--batch", "128", "--learning-rate", "3e-3",
                "--warmup", "50", "--out", out.toString()));
        Map<String, Object> metrics = CommandOutputs.metrics(out);
        assertEquals(1, ((Number) metrics.get("context_width")).intValue());
        assertEquals(50, CommandOutputs.number(metrics, "warmup_iterations"));
        double nll = ((Number) metrics.get("test_nll_nats")).doubleValue();
        // a unit Gaussian in 2-D has 2.84 nats; ignoring c, x alone would add about ln 3 = 1.1
        assertTrue(nll < 3.3, "test NLL given c " + nll);
        for (String picture : new String[] {"density.png", "samples.png"}) {
            assertTrue(ImageIO.read(out.resolve(picture).toFile()).getWidth() > 300, picture);
        }
        assertEquals(2, Main.run("flow", "--csv", file.toString(), "--context-columns", "3", "--out", out.toString()));
    }

    @Test
    void fitsACsvTableInItsOriginalUnits(@TempDir Path out, @TempDir Path folder) throws Exception {
        // three correlated columns on very different scales; a header row
        StringBuilder csv = new StringBuilder("a,b,c\n");
        Random random = new Random(3);
        for (int i = 0; i < 400; i++) {
            double u = random.nextGaussian();
            csv.append(1000 + 100 * u).append(',').append(0.01 * (u + random.nextGaussian())).append(',')
                    .append(5 + random.nextGaussian()).append('\n');
        }
        Path file = Files.writeString(folder.resolve("table.csv"), csv.toString());
        assertEquals(0, Main.run("flow", "--csv", file.toString(), "--steps", "4", "--hidden", "16",
                "--iterations", "200", "--batch", "64", "--out", out.toString()));
        Map<String, Object> metrics = CommandOutputs.metrics(out);
        // 360 training rows in passes of five batches of 64 and one of 40: 33 passes and two batches in 200 iterations
        double examples = ((Number) metrics.get("train_examples_per_sec")).doubleValue()
                * ((Number) metrics.get("train_seconds")).doubleValue();
        assertEquals(33 * 360 + 2 * 64, examples, 1e-6 * examples, "examples trained on, not iterations x batch");
        double nll = ((Number) metrics.get("test_nll_nats")).doubleValue();
        // in original units the scales add log(100) + log(0.01) + log(1) = 0 to the standardised NLL (about 3.6
        // for independent unit Gaussians, less for the correlated pair); a NLL of the standardised data would not
        // depend on the scales, so rescaling column a must shift the NLL by log(10)
        assertTrue(nll > 2.0 && nll < 5.0, "test NLL " + nll);
        Path scaled = Files.writeString(folder.resolve("scaled.csv"), csv.toString().lines().map(line -> {
            if (line.startsWith("a")) {
                return line;
            }
            String[] cells = line.split(",");
            return Double.parseDouble(cells[0]) * 10 + "," + cells[1] + "," + cells[2];
        }).reduce((x, y) -> x + "\n" + y).orElseThrow());
        Path outScaled = folder.resolve("out-scaled");
        assertEquals(0, Main.run("flow", "--csv", scaled.toString(), "--steps", "4", "--hidden", "16",
                "--iterations", "200", "--batch", "64", "--out", outScaled.toString()));
        double nllScaled = ((Number) CommandOutputs.metrics(outScaled).get("test_nll_nats")).doubleValue();
        assertEquals(nll + Math.log(10), nllScaled, 0.05);
    }

    /**
     * The multi-scale flow on Fashion-MNIST: two levels, samples at temperatures 1 and 0.7 and the bits-per-dimension
     * curve, bits per dimension of the 8-bit images below 8 (the uniform density on the pixel grid) after a few iterations.
     */
    @Test
    void fitsAMultiScaleFlowToImages(@TempDir Path out, @TempDir Path folder) throws Exception {
        assertEquals(0, Main.run("flow", "--dataset", "fashion", "--data", CommandOutputs.bundledData(folder).toString(),
                "--kind", "MULTISCALE", "--steps", "1", "--hidden", "8,8", "--iterations", "12", "--batch", "32", "--log-every", "4",
                "--out", out.toString()));
        CommandOutputs.assertPictures(out, 100, "samples.png", "samples-t0.7.png", "bits_per_dim.png");
        Map<String, Object> metrics = CommandOutputs.metrics(out, "kind", "levels", "bits_per_dim", "warmup_iterations");
        assertEquals("MULTISCALE", metrics.get("kind"));
        assertEquals(FlowOptions.MULTISCALE_WARMUP, CommandOutputs.number(metrics, "warmup_iterations"));
        assertEquals(2, CommandOutputs.number(metrics, "levels"));
        double bits = CommandOutputs.number(metrics, "bits_per_dim");
        assertTrue(bits > 0 && bits < 8, "bits per dimension " + bits);
    }

    @Test
    void badOptionsFailWithAnExitCode(@TempDir Path out) {
        assertNotEquals(0, Main.run("flow", "--dataset", "moons", "--kind", "MULTISCALE", "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--dataset", "fashion", "--kind", "MULTISCALE", "--hidden", "8",
                "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--dataset", "fashion", "--kind", "MULTISCALE", "--levels", "3",
                "--iterations", "1", "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--dataset", "spirals", "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--iterations", "0", "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--warmup", "-1", "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--csv", out.resolve("missing.csv").toString(), "--out", out.toString()));
        assertNotEquals(0, Main.run("flow", "--dataset", "moons", "--csv", "x.csv"));
    }
}
