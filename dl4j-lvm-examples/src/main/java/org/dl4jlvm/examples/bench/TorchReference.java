package org.dl4jlvm.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The PyTorch reference: runs the project's {@code bench_reference.py} (a resource of this jar) with a Python that has
 * {@code torch}, and reads its per-iteration times. {@link #availability} says why it cannot run, so the bench can skip
 * it with a clear message.
 */
public final class TorchReference {
    private static final String SCRIPT = "bench_reference.py";
    private final String python;

    public TorchReference(String python) {
        this.python = python;
    }

    /** Null when {@code python} imports torch; otherwise what is missing and how to install it. */
    public String availability() throws InterruptedException {
        try {
            Process process = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() == 0) {
                return null;
            }
            String[] lines = output.split("\n");
            return python + " cannot import torch (" + lines[lines.length - 1]
                    + "); install it with: apt-get install python3-torch libopenblas0-pthread";
        } catch (IOException e) {
            return "no Python at " + python + " (" + e.getMessage() + "); install python3-torch and libopenblas0-pthread";
        }
    }

    /** Times {@code cases} in PyTorch with {@code threads} intra-op threads; FLOPs per case as measured for ours. */
    public List<Measurement> measure(List<String> cases, Map<String, Double> flops, int warmup, int iterations, int threads)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("dl4j-lvm-", "-" + SCRIPT);
        try (InputStream in = TorchReference.class.getResourceAsStream(SCRIPT)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            Process process = new ProcessBuilder(python, script.toString(), "--warmup", String.valueOf(warmup),
                    "--iterations", String.valueOf(iterations), "--threads", String.valueOf(threads),
                    "--cases", String.join(",", cases)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(SCRIPT + " failed with exit code " + process.exitValue());
            }
            return parse(output, flops);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The measurements in the script's JSON output. */
    static List<Measurement> parse(String json, Map<String, Double> flops) throws IOException {
        List<Measurement> measurements = new ArrayList<>();
        JsonNode root = new ObjectMapper().readTree(json);
        int threads = root.get("threads").asInt();
        for (JsonNode result : root.get("results")) {
            String name = result.get("case").asText();
            double[] ms = new double[result.get("ms").size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = result.get("ms").get(i).asDouble();
            }
            measurements.add(new Measurement(name, Measurement.PYTORCH, result.get("batch").asInt(),
                    flops.getOrDefault(name, Double.NaN), new Timing(ms), threads));
        }
        return measurements;
    }
}
