package org.dl4jlvm.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

/** The PyTorch reference: its output format, the message when Python or torch is missing, and one real run. */
class TorchReferenceTest {

    @Test
    void parsesTheScriptsJson() throws Exception {
        String json = "{\"torch\": \"1.13\", \"threads\": 1, \"results\": [{\"case\": \"vae\", \"batch\": 128, \"ms\": [3.0, 1.0, 2.0]}]}";
        List<Measurement> rows = TorchReference.parse(json, Map.of("vae", 6e8));
        assertEquals(1, rows.size());
        assertEquals(Measurement.PYTORCH, rows.get(0).implementation());
        assertEquals(2.0, rows.get(0).timing().median());
        assertEquals(6e8 / 0.002, rows.get(0).flopsPerSecond(), 1e-3);
        assertEquals(1, rows.get(0).threads());
    }

    @Test
    void settingsAreThreadsOrThreadsAndBlasThreadsWithoutRepeats() {
        List<TorchReference> references = TorchReference.settings("python3", List.of("2", "2/1", " 1/2 ", "2/3"), 3);
        assertEquals(List.of("torch 2, BLAS 3", "torch 2, BLAS 1", "torch 1, BLAS 2"),
                references.stream().map(TorchReference::threads).collect(Collectors.toList()));
        assertEquals(List.of("1/2", "2/1", "2/2"), TorchReference.defaultSettings(2));
        assertEquals(1, TorchReference.settings("python3", TorchReference.defaultSettings(1), 1).size());
        for (String bad : List.of("0", "2/0", "two", "2/", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TorchReference.settings("python3", List.of(bad), 2));
            assertTrue(e.getMessage().contains("--reference-threads") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }

    @Test
    void aMissingPythonIsNamedWithTheInstallCommand() throws Exception {
        String reason = new TorchReference("/nonexistent/python3", 1, 1).availability();
        assertTrue(reason.contains("/nonexistent/python3") && reason.contains("python3-torch"), reason);
    }

    @Test
    void aPythonWithoutTorchIsNamed() throws Exception {
        String reason = new TorchReference("/bin/false", 1, 1).availability();
        assertTrue(reason.contains("cannot import torch") && reason.contains("libopenblas0-pthread"), reason);
    }

    /** Runs the script for real where Debian's python3-torch is installed (the bench machine has it). */
    @Test
    void theScriptTimesTheCasesItIsAskedFor() throws Exception {
        TorchReference reference = new TorchReference("/usr/bin/python3", 1, 1);
        assumeTrue(reference.availability() == null, "PyTorch is not installed");
        List<Measurement> rows = reference.measure(List.of("realnvp-2", "vae", Dl4jCases.VAE_PRODUCTS, ConvolutionCases.NAME),
                Map.of("realnvp-2", 1.0, "vae", 1.0), 1, 2);
        assertEquals(4, rows.size());
        assertEquals("realnvp-2", rows.get(0).benchCase());
        assertEquals(256, rows.get(0).batch());
        assertEquals(128, rows.get(1).batch());
        assertEquals(2, rows.get(1).timing().iterations());
        assertTrue(rows.get(1).timing().min() > 0);
        assertEquals(Dl4jCases.VAE_PRODUCTS, rows.get(2).benchCase());
        assertEquals(128, rows.get(2).batch());
        assertTrue(rows.get(2).timing().min() > 0);
        assertEquals(ConvolutionCases.NAME, rows.get(3).benchCase());
        assertEquals(128, rows.get(3).batch());
        assertTrue(rows.get(3).timing().min() > 0);
    }

    /** The training script over a CSV the bench wrote: the examples it reports are those of its minibatches. */
    @Test
    void theTrainingScriptCountsTheExamplesOfItsMinibatches(@TempDir Path work) throws Exception {
        TorchReference reference = new TorchReference("/usr/bin/python3", 1, 1);
        assumeTrue(reference.availability() == null, "PyTorch is not installed");
        TrainingCase moons = new TrainingCases(work, null).realNvp2(90);
        JsonNode run = reference.trainingRun(moons);
        // 18,000 training rows (90% of 20,000) in passes of 70 batches of 256 and one of 80
        assertEquals(70 * 256 + 80 + 19 * 256, run.get("examples").asInt(), run.toString());
        assertTrue(run.get("seconds").asDouble() > 0, run.toString());
        Throughput throughput = reference.train(moons);
        assertEquals("torch 1, BLAS 1", throughput.threads());
        assertEquals(1, throughput.rounds());
    }
}
