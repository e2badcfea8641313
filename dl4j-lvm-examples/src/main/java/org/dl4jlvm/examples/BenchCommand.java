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
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.examples.bench.BenchCase;
import org.dl4jlvm.examples.bench.BenchReport;
import org.dl4jlvm.examples.bench.Dl4jCases;
import org.dl4jlvm.examples.bench.Measurement;
import org.dl4jlvm.examples.bench.TorchReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training speed of the VAE and RealNVP flows against DL4J's built-in VAE layer and a PyTorch reference run in the same
 * invocation, with one large SGEMM as the roofline.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training steps of the VAE (ours and DL4J's built-in layer) and of RealNVP flows (D = 2 and 784) on "
                + "synthetic batches, the same models in PyTorch, and one large SGEMM; write bench.md and bench.json.")
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

    @Option(names = "--reference-threads", defaultValue = "1",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}, PyTorch's fastest on the 2-core machine measured).")
    int referenceThreads;

    @Option(names = "--no-reference", description = "Skip the PyTorch reference.")
    boolean noReference;

    @Option(names = "--cases", split = ",", defaultValue = "vae,vae-builtin,realnvp-2,realnvp-784,sgemm",
            description = "Cases to run (default: ${DEFAULT-VALUE}).")
    List<String> caseNames;

    @Option(names = "--out", defaultValue = "out/bench", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Checks.nonNegative("--warmup", warmup);
        Checks.atLeastOne("--iterations", iterations);
        Checks.atLeastOne("--rounds", rounds);
        Checks.atLeastOne("--sgemm-size", sgemmSize);
        Checks.atLeastOne("--reference-threads", referenceThreads);
        Map<String, Supplier<BenchCase>> known = knownCases();
        for (String name : caseNames) {
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException("--cases: expected some of " + known.keySet() + ", found '" + name + "'");
            }
        }
        Files.createDirectories(out);
        Map<String, Object> settings = new LinkedHashMap<>(FastestSettings.describe());
        settings.put("warmup", warmup);
        settings.put("iterations", iterations);
        settings.put("rounds", rounds);
        System.out.println("settings: " + settings);

        List<BenchCase> cases = new ArrayList<>();
        Map<String, Double> flops = new LinkedHashMap<>();
        for (String name : caseNames) {
            BenchCase benchCase = known.get(name).get();
            cases.add(benchCase);
            flops.putIfAbsent(benchCase.name(), benchCase.flopsPerIteration());
        }
        List<String> referenceCases = new ArrayList<>(flops.keySet());
        referenceCases.remove(BenchReport.ROOFLINE);
        TorchReference reference = new TorchReference(python);
        String referenceNote = noReference ? "skipped (--no-reference)" : reference.availability();
        if (referenceNote != null) {
            System.out.println("PyTorch reference skipped: " + referenceNote);
        } else {
            settings.put("pytorch_threads", referenceThreads);
        }
        // rounds alternate ours and the reference, so that a slow spell of the machine falls on both
        Map<String, List<Measurement>> byCase = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (BenchCase benchCase : cases) {
                // the roofline on every core; the models with the threads the examples train them with
                int threads = FastestSettings.useBlasThreadsFor(
                        benchCase.name().equals(BenchReport.ROOFLINE) ? Long.MAX_VALUE : benchCase.parameters());
                Measurement m = benchCase.measure(warmup, iterations, threads);
                System.out.printf("round %d: %s (%s): %.2f ms per iteration%n", round, m.benchCase(), m.implementation(),
                        m.timing().median());
                collect(byCase, m);
            }
            if (referenceNote == null) {
                try {
                    for (Measurement m : reference.measure(referenceCases, flops, warmup, iterations, referenceThreads)) {
                        collect(byCase, m);
                    }
                } catch (IOException e) {
                    referenceNote = "the PyTorch script failed: " + e.getMessage();
                    System.out.println("PyTorch reference failed, reporting ours only: " + e.getMessage());
                }
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (List<Measurement> same : byCase.values()) {
            measurements.add(Measurement.pooled(same));
        }

        BenchReport report = new BenchReport(measurements, settings, referenceNote);
        String table = report.markdown();
        System.out.println(table);
        Files.write(out.resolve("bench.md"), table.getBytes(StandardCharsets.UTF_8));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), report.toMap());
        System.out.println("wrote " + out.toAbsolutePath() + ": bench.md, bench.json");
        return 0;
    }

    /** Files {@code m} with the earlier rounds of its case and implementation. */
    private static void collect(Map<String, List<Measurement>> byCase, Measurement m) {
        byCase.computeIfAbsent(m.benchCase() + "/" + m.implementation(), key -> new ArrayList<>()).add(m);
    }

    /** Every case by its name, built on demand. */
    private Map<String, Supplier<BenchCase>> knownCases() {
        Map<String, Supplier<BenchCase>> cases = new LinkedHashMap<>();
        cases.put("vae", Dl4jCases::vae);
        cases.put("vae-builtin", Dl4jCases::vaeBuiltIn);
        cases.put("realnvp-2", () -> Dl4jCases.realNvp(2, 128, 256));
        cases.put("realnvp-784", () -> Dl4jCases.realNvp(784, 512, 128));
        cases.put("sgemm", () -> Dl4jCases.sgemm(sgemmSize));
        return cases;
    }
}
