package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.math3.random.RandomGenerator;
import org.dl4jlvm.sbi.BoxUniformPrior;
import org.dl4jlvm.sbi.Prior;
import org.dl4jlvm.sbi.Simulations;
import org.dl4jlvm.sbi.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbiCommandTest {

    /** A short two-moons run: the files, the samples inside the prior's box, and the metrics that describe them. */
    @Test
    void writesSamplesPicturesAndMetrics(@TempDir Path out) throws Exception {
        assertEquals(0, Main.run("sbi", "--task", "two-moons", "--simulations", "1500", "--max-epochs", "3",
                "--samples", "500", "--sbc-pairs", "10", "--sbc-draws", "20", "--c2st", "2", "--out", out.toString()));
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
        Map<?, ?> c2st = (Map<?, ?>) metrics.get("c2st_exact");
        assertEquals(2, ((List<?>) c2st.get("observations")).size());
        double mean = ((Number) c2st.get("mean")).doubleValue();
        assertTrue(mean >= 0.3 && mean <= 1, "a classifier's held-out accuracy: " + mean);
    }

    /**
     * Ricker conditioned on its log counts, directly and through each embedding network: fifty counts in, three
     * parameters out, and the report says so.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"raw", "mlp", "conv"})
    void rickerOnRawCountsReportsItsContext(String summaries, @TempDir Path out) throws Exception {
        assertEquals(0, Main.run("sbi", "--task", "ricker", "--summaries", summaries, "--simulations", "400",
                "--max-epochs", "1", "--samples", "50", "--sbc-pairs", "3", "--sbc-draws", "10", "--out", out.toString()));
        assertEquals("log_r,sigma,phi", Files.readAllLines(out.resolve("posterior_samples.csv")).get(0));
        Map<String, Object> metrics = CommandOutputs.metrics(out);
        assertEquals(summaries, metrics.get("summaries"));
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

    /** A user's simulator: theta ~ U(-1, 1)^2, x = theta + N(0, 0.05^2) per coordinate. */
    public static final class Shift implements Simulator {
        @Override
        public Prior prior() {
            return new BoxUniformPrior(new double[] {-1, -1}, new double[] {1, 1});
        }

        @Override
        public String[] parameterNames() {
            return new String[] {"a", "b"};
        }

        @Override
        public int dataDimension() {
            return 2;
        }

        @Override
        public double[] simulate(double[] theta, RandomGenerator random) {
            return new double[] {theta[0] + 0.05 * random.nextGaussian(), theta[1] + 0.05 * random.nextGaussian()};
        }
    }

    /** The posterior means of a short run: near the observation, which a shift barely blurs. */
    private static double[] posteriorMeans(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("posterior_samples.csv"));
        double[] mean = new double[2];
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            for (int k = 0; k < 2; k++) {
                mean[k] += Double.parseDouble(fields[k]) / (lines.size() - 1);
            }
        }
        return mean;
    }

    /** A Simulator class named by --task, and the same simulator's pairs from a CSV file with --parameters 2. */
    @Test
    void infersForAUsersSimulatorClassAndForPairsFromAFile(@TempDir Path out) throws Exception {
        Path observed = Files.writeString(out.resolve("observed.csv"), "0.3,-0.4\n");
        Path fromClass = out.resolve("class");
        assertEquals(0, Main.run("sbi", "--task", Shift.class.getName(), "--observed", observed.toString(),
                "--simulations", "3000", "--max-epochs", "20", "--samples", "1000", "--sbc-pairs", "10", "--sbc-draws", "20",
                "--out", fromClass.toString()));
        assertEquals("a,b", Files.readAllLines(fromClass.resolve("posterior_samples.csv")).get(0));
        assertArrayEquals(new double[] {0.3, -0.4}, posteriorMeans(fromClass), 0.1);

        Simulations pairs = Simulations.draw(new Shift(), 3010, 5);
        StringBuilder csv = new StringBuilder("a,b,x1,x2\n");
        for (int i = 0; i < pairs.size(); i++) {
            csv.append(pairs.parameters().getDouble(i, 0)).append(',').append(pairs.parameters().getDouble(i, 1)).append(',')
                    .append(pairs.data().getDouble(i, 0)).append(',').append(pairs.data().getDouble(i, 1)).append('\n');
        }
        Path file = Files.writeString(out.resolve("pairs.csv"), csv);
        Path fromFile = out.resolve("file");
        assertEquals(0, Main.run("sbi", "--pairs", file.toString(), "--parameters", "2", "--observed", observed.toString(),
                "--max-epochs", "20", "--samples", "1000", "--sbc-pairs", "10", "--sbc-draws", "20",
                "--out", fromFile.toString()));
        assertEquals("a,b", Files.readAllLines(fromFile.resolve("posterior_samples.csv")).get(0));
        assertArrayEquals(new double[] {0.3, -0.4}, posteriorMeans(fromFile), 0.1);
        Map<String, Object> metrics = CommandOutputs.metrics(fromFile);
        assertEquals(3000, ((Number) metrics.get("simulations")).intValue(), "the file's rows but the 10 for calibration");
        assertEquals(0.0, ((Number) metrics.get("leakage")).doubleValue(), "no prior, so no draw is rejected");
        assertEquals(false, metrics.containsKey("theta_true"));
    }

    @Test
    void aTaskOrPairsThatCannotRunAreRefusedByName(@TempDir Path out) throws Exception {
        Path observed = Files.writeString(out.resolve("observed.csv"), "0.3,-0.4\n");
        Path file = Files.writeString(out.resolve("pairs.csv"), "a,x\n0.1,0.2\n0.3,0.4\n");
        String[][] refused = {
            {"--task", "java.lang.String"},
            {"--task", Shift.class.getName()},
            {"--task", "two-moons", "--summaries", "wood"},
            {"--task", "two-moons", "--summaries", "pca"},
            {"--task", "two-moons", "--parameters", "1"},
            {"--task", "ricker", "--c2st", "2"},
            {"--pairs", file.toString(), "--task", "two-moons", "--parameters", "1"},
            {"--pairs", file.toString(), "--observed", observed.toString()},
            {"--pairs", file.toString(), "--parameters", "2", "--observed", observed.toString()},
        };
        for (String[] options : refused) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("sbi", "--out", out.toString()),
                    java.util.Arrays.stream(options)).toArray(String[]::new);
            assertNotEquals(0, Main.run(args), String.join(" ", options));
        }
        assertTrue(Files.notExists(out.resolve("metrics.json")), "nothing written for bad input");
        assertEquals("--task: expected a class implementing org.dl4jlvm.sbi.Simulator, found java.lang.String, which does not",
                assertMessage(() -> SbiTask.simulator("java.lang.String")));
        assertEquals("--parameters: expected between 1 and 1 (the file " + file + " has 2 columns, and x needs at least "
                + "one), found 2", assertMessage(() -> SbiTask.file(file, 2)));
    }

    private static String assertMessage(org.junit.jupiter.api.function.Executable action) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, action).getMessage();
    }
}
