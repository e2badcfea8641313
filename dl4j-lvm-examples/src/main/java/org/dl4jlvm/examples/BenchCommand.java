package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.examples.bench.BenchCase;
import org.dl4jlvm.examples.bench.BenchReport;
import org.dl4jlvm.examples.bench.CommandTraining;
import org.dl4jlvm.examples.bench.ConvolutionCases;
import org.dl4jlvm.examples.bench.Dl4jCases;
import org.dl4jlvm.examples.bench.Measurement;
import org.dl4jlvm.examples.bench.Throughput;
import org.dl4jlvm.examples.bench.Timing;
import org.dl4jlvm.examples.bench.TorchReference;
import org.dl4jlvm.examples.bench.TrainingCase;
import org.dl4jlvm.examples.bench.TrainingCases;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.examples.bench.TrainingReport;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training speed of the VAE and RealNVP flows against a PyTorch reference run in the same invocation: whole training runs
 * of the {@code vae} and {@code flow} commands over real data against PyTorch training scripts over the same data
 * (end to end), and isolated training steps on synthetic batches beside DL4J's built-in VAE layer, the NaN guard's
 * share of a step and one large SGEMM as the roofline.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time whole training runs of the vae and flow commands over Fashion-MNIST and two moons against PyTorch "
                + "training scripts over the same data (train-* cases), and isolated training steps of the VAE (ours and DL4J's "
                + "built-in layer) and of RealNVP flows (D = 2 and 784), the same steps in PyTorch, the NaN guard and one large "
                + "SGEMM; on request the convolutional VAE's convolutions alone (conv-vae-convolutions, -builtin, -nd4j); "
                + "write bench.md and bench.json.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--warmup", defaultValue = "50",
            description = "Unmeasured iterations per case and round (default: ${DEFAULT-VALUE}; the JIT had compiled"
                    + " the Java loops of a training step after about 40).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "50", description = "Measured iterations per case (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds of all cases, ours then PyTorch's, pooled per case (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--sgemm-size", defaultValue = "2048", description = "Size n of the n x n x n roofline SGEMM (default: ${DEFAULT-VALUE}).")
    int sgemmSize;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch for the reference (default: ${DEFAULT-VALUE}, Debian's, where python3-torch installs).")
    String python;

    @Option(names = "--reference-threads", split = ",",
            description = "PyTorch's thread settings, one or more, each T (intra-op threads, OpenBLAS on --reference-blas-threads) "
                    + "or T/B (OpenBLAS on B) (default: 1/N, N/1 and N/N for N cores). The training runs are measured at "
                    + "each and compared with the fastest, PyTorch at its best; the isolated steps run at the first.")
    List<String> referenceThreads;

    @Option(names = "--reference-blas-threads", defaultValue = "0",
            description = "OpenBLAS threads of PyTorch for a setting given as T (default: every core).")
    int referenceBlasThreads;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files for the train-* cases (default: the commands' own).")
    Path data;

    @Option(names = "--train-iterations", defaultValue = "0",
            description = "Iterations of the flows' training runs (default: 2000 for train-realnvp-2 and train-maf-2, 1000 for "
                    + "train-nsf-2, 150 for train-realnvp-784, 100 for train-multiscale; "
                    + "train-vae is one epoch).")
    int trainIterations;

    @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
    boolean noReference;

    @Option(names = "--cases", split = ",",
            defaultValue = "train-vae,train-conv-vae,train-realnvp-2,train-maf-2,train-nsf-2,train-realnvp-784,train-multiscale,vae,vae-builtin,vae-products,realnvp-2,realnvp-784,sgemm",
            description = "Cases to run (default: ${DEFAULT-VALUE}).")
    List<String> caseNames;

    @Option(names = "--out", defaultValue = "out/bench", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    private ConvolutionCases convolutions;

    @Override
    public Integer call() throws Exception {
        Checks.nonNegative("--warmup", warmup);
        Checks.atLeastOne("--iterations", iterations);
        Checks.atLeastOne("--rounds", rounds);
        Checks.atLeastOne("--sgemm-size", sgemmSize);
        Checks.nonNegative("--reference-blas-threads", referenceBlasThreads);
        Checks.nonNegative("--train-iterations", trainIterations);
        Map<String, Supplier<BenchCase>> known = knownCases();
        Map<String, TrainingStep> knownTraining = knownTrainingCases();
        for (String name : caseNames) {
            if (!known.containsKey(name) && !knownTraining.containsKey(name)) {
                List<String> all = new ArrayList<>(knownTraining.keySet());
                all.addAll(known.keySet());
                throw new IllegalArgumentException("--cases: expected some of " + all + ", found '" + name + "'");
            }
        }
        Files.createDirectories(out);
        Map<String, Object> settings = new LinkedHashMap<>(FastestSettings.describe());
        settings.put("warmup", warmup);
        settings.put("iterations", iterations);
        settings.put("rounds", rounds);
        System.out.println("settings: " + settings);

        TrainingCases trainingCases = new TrainingCases(out.resolve("data"), data);
        List<TrainingCase> training = new ArrayList<>();
        List<BenchCase> cases = new ArrayList<>();
        Map<String, Double> flops = new LinkedHashMap<>();
        for (String name : caseNames) {
            if (knownTraining.containsKey(name)) {
                training.add(knownTraining.get(name).build(trainingCases));
                continue;
            }
            BenchCase benchCase = known.get(name).get();
            cases.add(benchCase);
            flops.putIfAbsent(benchCase.name(), benchCase.flopsPerIteration());
        }
        List<String> referenceCases = new ArrayList<>(flops.keySet());
        referenceCases.remove(BenchReport.ROOFLINE);
        int cores = Runtime.getRuntime().availableProcessors();
        List<TorchReference> references = TorchReference.settings(python,
                referenceThreads == null ? TorchReference.defaultSettings(cores) : referenceThreads,
                referenceBlasThreads == 0 ? cores : referenceBlasThreads);
        TorchReference reference = references.get(0);
        String referenceNote = noReference ? "skipped (--no-reference)" : reference.availability();
        if (referenceNote != null) {
            System.out.println("PyTorch reference skipped: " + referenceNote);
        } else {
            settings.put("pytorch_threads", references.stream().map(TorchReference::threads).collect(Collectors.toList()));
            settings.put("pytorch_allocator", TorchReference.MMAP_THRESHOLD + " " + TorchReference.TRIM_THRESHOLD);
        }
        // rounds alternate ours and the reference, so that a slow spell of the machine falls on both
        Map<String, List<Measurement>> byCase = new LinkedHashMap<>();
        Map<String, List<Throughput>> byRun = new LinkedHashMap<>();
        Map<String, List<Timing>> guards = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (TrainingCase trainingCase : training) {
                record(byRun, round, CommandTraining.run(trainingCase, out.resolve("runs").resolve(trainingCase.name() + "-" + round)));
                for (TorchReference torch : references) {
                    if (referenceNote == null) {
                        try {
                            record(byRun, round, torch.train(trainingCase));
                        } catch (IOException e) {
                            referenceNote = failed(e);
                        }
                    }
                }
            }
            for (BenchCase benchCase : cases) {
                // the roofline on every core; the models with the threads the examples train them with
                int threads = FastestSettings.useBlasThreadsFor(
                        benchCase.name().equals(BenchReport.ROOFLINE) ? Long.MAX_VALUE : benchCase.parameters());
                Measurement m = benchCase.measure(warmup, iterations, threads);
                System.out.printf("round %d: %s (%s): %.2f ms per iteration%n", round, m.benchCase(), m.implementation(),
                        m.timing().median());
                collect(byCase, m);
                benchCase.measureGuard(warmup, iterations)
                        .ifPresent(guard -> guards.computeIfAbsent(benchCase.name(), key -> new ArrayList<>()).add(guard));
            }
            if (referenceNote == null && !referenceCases.isEmpty()) {
                try {
                    for (Measurement m : reference.measure(referenceCases, flops, warmup, iterations)) {
                        collect(byCase, m);
                    }
                } catch (IOException e) {
                    referenceNote = failed(e);
                }
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (List<Measurement> same : byCase.values()) {
            measurements.add(Measurement.pooled(same));
        }

        Map<String, Timing> guardTimes = new LinkedHashMap<>();
        guards.forEach((name, timings) -> guardTimes.put(name, Timing.pooled(timings)));
        TrainingReport trainingReport = new TrainingReport(byRun.values().stream().map(Throughput::pooled).collect(Collectors.toList()));
        BenchReport report = new BenchReport(measurements, guardTimes, settings, referenceNote);
        String table = (trainingReport.isEmpty() ? "" : "## Training runs, end to end\n\n" + trainingReport.markdown() + "\n")
                + (measurements.isEmpty() ? "" : "## Isolated training steps\n\n" + report.markdown());
        System.out.println(table);
        Files.write(out.resolve("bench.md"), table.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> json = report.toMap();
        json.put("training_runs", trainingReport.toMap());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), json);
        System.out.println("wrote " + out.toAbsolutePath() + ": bench.md, bench.json");
        return 0;
    }

    /** Files one training run with the earlier rounds of its case and implementation, and prints it. */
    private static void record(Map<String, List<Throughput>> byRun, int round, Throughput run) {
        System.out.printf("round %d: %s (%s, %s): %.0f examples/s%n", round, run.trainingCase(), run.implementation(),
                run.threads(), run.median());
        byRun.computeIfAbsent(run.trainingCase() + "/" + run.implementation() + "/" + run.threads(), key -> new ArrayList<>())
                .add(run);
    }

    /** The report's note on a failed PyTorch script; ours are still reported. */
    private static String failed(IOException e) {
        System.out.println("PyTorch reference failed, reporting ours only: " + e.getMessage());
        return "the PyTorch script failed: " + e.getMessage();
    }

    /** Files {@code m} with the earlier rounds of its case and implementation. */
    private static void collect(Map<String, List<Measurement>> byCase, Measurement m) {
        byCase.computeIfAbsent(m.benchCase() + "/" + m.implementation(), key -> new ArrayList<>()).add(m);
    }

    /** Builds an end-to-end case, writing the data it needs. */
    private interface TrainingStep {
        TrainingCase build(TrainingCases cases) throws IOException;
    }

    /** Every end-to-end case by its name. */
    private Map<String, TrainingStep> knownTrainingCases() {
        Map<String, TrainingStep> cases = new LinkedHashMap<>();
        cases.put(TrainingCases.PREFIX + "vae", TrainingCases::vae);
        cases.put(TrainingCases.PREFIX + "conv-vae", TrainingCases::convVae);
        cases.put(TrainingCases.PREFIX + "realnvp-2", c -> c.realNvp2(trainIterations > 0 ? trainIterations : 2000));
        cases.put(TrainingCases.PREFIX + "maf-2",
                c -> c.flow2(FlowGraphBuilder.Kind.MAF, trainIterations > 0 ? trainIterations : 2000));
        cases.put(TrainingCases.PREFIX + "nsf-2",
                c -> c.flow2(FlowGraphBuilder.Kind.NSF, trainIterations > 0 ? trainIterations : 1000));
        cases.put(TrainingCases.PREFIX + "realnvp-784", c -> c.realNvp784(trainIterations > 0 ? trainIterations : 150));
        cases.put(TrainingCases.PREFIX + "multiscale", c -> c.multiScale(trainIterations > 0 ? trainIterations : 100));
        return cases;
    }

    /** Every isolated case by its name, built on demand. */
    private Map<String, Supplier<BenchCase>> knownCases() {
        Map<String, Supplier<BenchCase>> cases = new LinkedHashMap<>();
        cases.put("vae", Dl4jCases::vae);
        cases.put("vae-builtin", Dl4jCases::vaeBuiltIn);
        cases.put(Dl4jCases.VAE_PRODUCTS, Dl4jCases::vaeProducts);
        cases.put("realnvp-2", () -> Dl4jCases.realNvp(2, 128, 256));
        cases.put("realnvp-784", () -> Dl4jCases.realNvp(784, 512, 128));
        cases.put("sgemm", () -> Dl4jCases.sgemm(sgemmSize));
        cases.put(ConvolutionCases.NAME, () -> convolutions().hostLayers());
        cases.put(ConvolutionCases.NAME + "-builtin", () -> convolutions().builtInLayers());
        cases.put(ConvolutionCases.NAME + "-nd4j", () -> convolutions().nd4jOps());
        return cases;
    }

    /** The convolution cases' networks and data, made once so that their three runtimes share them. */
    private ConvolutionCases convolutions() {
        if (convolutions == null) {
            convolutions = new ConvolutionCases();
        }
        return convolutions;
    }
}
