package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dl4jlvm.examples.bench.TorchReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PyTorch reference of the README's flow-posterior rows, {@code bench/vae_posteriors.py}, runs where Debian's
 * python3-torch is installed: its IAF steps' log-dets are those of their Jacobians, and one epoch on the bundled
 * split with either posterior gives a negative ELBO between a trained model's and uniform pixels' (784 ln 2 = 543
 * nats), and an importance-weighted bound no looser than it.
 */
class TorchVaePosteriorsTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Pattern BOUNDS = Pattern.compile("test -ELBO ([0-9.]+), IWAE-5 ([0-9.]+)");

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "iaf"})
    void trainsOneEpochAndBoundsTheLikelihood(String posterior, @TempDir Path empty) throws Exception {
        assumeTrue(new TorchReference(PYTHON, 1, 1).availability() == null, "PyTorch is not installed");
        Path script = Path.of(TorchReference.class.getResource("vae_posteriors.py").toURI());
        Process process = new ProcessBuilder(PYTHON, script.toString(), "--posterior", posterior, "--steps", "2",
                "--epochs", "1", "--kl-warmup", "20", "--iwae-k", "5", "--data", CommandOutputs.bundledData(empty).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.startsWith(posterior + " posterior"), output);
        Matcher bounds = BOUNDS.matcher(output);
        assertTrue(bounds.find(), output);
        double negElbo = Double.parseDouble(bounds.group(1));
        double iwae = Double.parseDouble(bounds.group(2));
        assertTrue(negElbo > 200 && negElbo < 400, "negative ELBO " + negElbo);
        assertTrue(iwae < negElbo + 1, "IWAE-5 " + iwae + " against the ELBO's " + negElbo);
    }

    /** The reference's IAF steps (non-zero last layers, with context) report the log-det of their autograd Jacobian. */
    @Test
    void iafStepsReportTheLogDetOfTheirJacobian() throws Exception {
        assumeTrue(new TorchReference(PYTHON, 1, 1).availability() == null, "PyTorch is not installed");
        Path folder = Path.of(TorchReference.class.getResource("vae_posteriors.py").toURI()).getParent();
        String code = String.join("\n",
                "import sys, torch",
                "sys.path.insert(0, sys.argv[1])",
                "from bench_models import IafVae",
                "torch.manual_seed(0)",
                "model = IafVae(latent=5, steps=3, hidden=(16, 16), context=3).double()",
                "for step in model.steps: torch.nn.init.normal_(step.net[-1].weight, std=0.5)",
                "h = torch.randn(1, 3, dtype=torch.double)",
                "def flow(z):",
                "    total = torch.zeros(1, dtype=torch.double)",
                "    for step in model.steps:",
                "        z, log_det = step(z, h)",
                "        total = total + log_det",
                "    return z, total",
                "z0 = torch.randn(5, dtype=torch.double)",
                "jacobian = torch.autograd.functional.jacobian(lambda v: flow(v.view(1, 5))[0].view(5), z0)",
                "print(torch.linalg.slogdet(jacobian)[1].item(), flow(z0.view(1, 5))[1].item())");
        Process process = new ProcessBuilder(PYTHON, "-c", code, folder.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), output);
        String[] logDets = output.split(" ");
        assertTrue(Math.abs(Double.parseDouble(logDets[1])) > 0.1, "the steps should not be the identity: " + output);
        assertEquals(Double.parseDouble(logDets[0]), Double.parseDouble(logDets[1]), 1e-9, output);
    }
}
