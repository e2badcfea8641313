package org.dl4jlvm.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The PyTorch reference: runs the project's scripts (resources of this jar) with a Python that has {@code torch}, at
 * PyTorch's fastest settings on the machine measured: {@code threads} intra-op threads, OpenBLAS's own
 * {@code blasThreads} threads, and glibc's allocator told to keep its large buffers
 * ({@value #MMAP_THRESHOLD}, {@value #TRIM_THRESHOLD}) instead of returning them to the system after every step.
 * {@code bench_reference.py} times isolated steps, {@code bench_training.py} whole training loops.
 * {@link #availability} says why it cannot run, so the bench can skip it with a clear message.
 */
public final class TorchReference {
    static final String STEP_SCRIPT = "bench_reference.py";
    static final String TRAINING_SCRIPT = "bench_training.py";
    private static final List<String> SCRIPTS = List.of("bench_models.py", "bench_multiscale.py", STEP_SCRIPT, TRAINING_SCRIPT);
    public static final String MMAP_THRESHOLD = "MALLOC_MMAP_THRESHOLD_=1000000000";
    public static final String TRIM_THRESHOLD = "MALLOC_TRIM_THRESHOLD_=1000000000";
    /** The commands' setting that the reference runs without (OpenBLAS's default, its idle threads polling). */
    static final String THREAD_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT";
    private static final Pattern SETTING = Pattern.compile("(\\d{1,4})(?:/(\\d{1,4}))?");

    private final String python;
    private final int threads;
    private final int blasThreads;

    public TorchReference(String python, int threads, int blasThreads) {
        this.python = python;
        this.threads = threads;
        this.blasThreads = blasThreads;
    }

    /**
     * The references of {@code specs}, each {@code T} (T intra-op threads, OpenBLAS on {@code blasThreads}) or {@code T/B},
     * without repeats, in the order given.
     */
    public static List<TorchReference> settings(String python, List<String> specs, int blasThreads) {
        Map<String, TorchReference> references = new LinkedHashMap<>();
        for (String spec : specs) {
            Matcher m = SETTING.matcher(spec.trim());
            boolean valid = m.matches();
            int torch = valid ? Integer.parseInt(m.group(1)) : 0;
            int blas = valid && m.group(2) != null ? Integer.parseInt(m.group(2)) : blasThreads;
            if (torch < 1 || blas < 1) {
                throw new IllegalArgumentException("--reference-threads: expected T or T/B with T, B >= 1 (intra-op and "
                        + "OpenBLAS threads), found '" + spec + "'");
            }
            TorchReference reference = new TorchReference(python, torch, blas);
            references.putIfAbsent(reference.threads(), reference);
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException("--reference-threads: expected at least one setting, found none");
        }
        return new ArrayList<>(references.values());
    }

    /**
     * One intra-op thread with OpenBLAS on every core, every core with OpenBLAS on one, and both on every core: which is
     * PyTorch's best depends on the model. In one bench on the 2-core machine measured: 1/2 for the dense VAE (7,672
     * examples/s against 6,468 at 2/1), 2/1 for the convolutional VAE (1,105 against 894 at 1/2, the only setting
     * before) and 2/2 for the multi-scale flow (419 against 241 at 1/2).
     */
    public static List<String> defaultSettings(int cores) {
        return List.of("1/" + cores, cores + "/1", cores + "/" + cores);
    }

    /** How the reference runs, for the report. */
    public String threads() {
        return "torch " + threads + ", BLAS " + blasThreads;
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

    /** Times isolated steps of {@code cases}; FLOPs per case as measured for ours. */
    public List<Measurement> measure(List<String> cases, Map<String, Double> flops, int warmup, int iterations)
            throws IOException, InterruptedException {
        return parse(run(STEP_SCRIPT, List.of("--warmup", String.valueOf(warmup), "--iterations", String.valueOf(iterations),
                "--cases", String.join(",", cases))), flops);
    }

    /** One whole training run of {@code trainingCase} in PyTorch. */
    public Throughput train(TrainingCase trainingCase) throws IOException, InterruptedException {
        JsonNode result = trainingRun(trainingCase);
        return Throughput.of(trainingCase.name(), Measurement.PYTORCH, threads(), result.get("examples").asDouble(),
                result.get("seconds").asDouble());
    }

    /** The training script's report of one run: {@code {"examples": ..., "seconds": ..., ...}}. */
    JsonNode trainingRun(TrainingCase trainingCase) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(run(TRAINING_SCRIPT, trainingCase.scriptArguments()));
    }

    /** Runs {@code script} with {@code args} and the settings; returns its standard output. */
    private String run(String script, List<String> args) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("dl4j-lvm-bench-");
        try {
            for (String name : SCRIPTS) {
                try (InputStream in = TorchReference.class.getResourceAsStream(name)) {
                    Files.copy(in, folder.resolve(name));
                }
            }
            List<String> command = new ArrayList<>(List.of(python, folder.resolve(script).toString(),
                    "--threads", String.valueOf(threads)));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            Map<String, String> environment = builder.environment();
            for (String setting : List.of(MMAP_THRESHOLD, TRIM_THRESHOLD, "OPENBLAS_NUM_THREADS=" + blasThreads)) {
                environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            // PyTorch's idle BLAS thread polls, OpenBLAS's default: a short time-out made its VAE no faster
            environment.remove(THREAD_TIMEOUT);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(script + " failed with exit code " + process.exitValue());
            }
            return output;
        } finally {
            // the scripts and Python's byte-code cache
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The measurements in the step script's JSON output. */
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
