package org.dl4jlvm.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void aMissingPythonIsNamedWithTheInstallCommand() throws Exception {
        String reason = new TorchReference("/nonexistent/python3").availability();
        assertTrue(reason.contains("/nonexistent/python3") && reason.contains("python3-torch"), reason);
    }

    @Test
    void aPythonWithoutTorchIsNamed() throws Exception {
        String reason = new TorchReference("/bin/false").availability();
        assertTrue(reason.contains("cannot import torch") && reason.contains("libopenblas0-pthread"), reason);
    }

    /** Runs the script for real where Debian's python3-torch is installed (the bench machine has it). */
    @Test
    void theScriptTimesTheCasesItIsAskedFor() throws Exception {
        TorchReference reference = new TorchReference("/usr/bin/python3");
        assumeTrue(reference.availability() == null, "PyTorch is not installed");
        List<Measurement> rows = reference.measure(List.of("realnvp-2", "vae"), Map.of("realnvp-2", 1.0, "vae", 1.0), 1, 2, 1);
        assertEquals(2, rows.size());
        assertEquals("realnvp-2", rows.get(0).benchCase());
        assertEquals(256, rows.get(0).batch());
        assertEquals(128, rows.get(1).batch());
        assertEquals(2, rows.get(1).timing().iterations());
        assertTrue(rows.get(1).timing().min() > 0);
    }
}
