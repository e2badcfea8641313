package org.dl4jlvm.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The settings the examples run with unless told otherwise, the fastest measured by the {@code bench} command on
 * nd4j-native (see the README):
 * <ul>
 *   <li>{@code OMP_NUM_THREADS=1}: one OpenMP thread for ND4J's native ops and OpenBLAS. Two threads on the 2-core
 *       machine measured 1.5x to 2x slower per training step.</li>
 *   <li>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: JavaCPP no longer reads the process's resident memory on
 *       every native allocation, which took about 12% of a RealNVP step of small arrays.</li>
 *   <li>OpenBLAS on every core for models of {@value #MANY_PARAMETERS} parameters or more, ND4J's own ops still on one
 *       thread ({@link #useBlasThreadsFor}). Whole training runs of the {@code bench} command (train-* cases), in
 *       alternating A/B runs with OpenBLAS's own kernel choice (generic Prescott kernels on the Sapphire Rapids machine
 *       measured): the VAE (1.09M parameters) trained at 4,348 and 4,446 examples/s with two BLAS threads against
 *       3,712 and 3,827 with one; the 2-D flow (0.14M) at 16,968 and 17,393 against 18,433 and 18,560, so it keeps
 *       one. With {@code OPENBLAS_CORETYPE=Haswell} the VAE ran 6,430 and 5,864 against 6,075 and 5,801. The image
 *       RealNVP (11.7M) took 106 to 122 ms per step with two against 146 to 149 ms with one.</li>
 *   <li>{@code OPENBLAS_CORETYPE=Haswell} on x86-64: OpenBLAS's AVX2 kernels. The OpenBLAS 0.3.19 bundled with
 *       nd4j-native picks its kernels from the CPU model it knows; on newer CPUs it falls back to its generic Prescott
 *       kernels (Sapphire Rapids: the VAE's step 31 ms against 17 ms under Haswell's, and a DGEMM with relative error
 *       about 1 from n = 200), and on AVX-512 CPUs it knows it picks SkylakeX's, under which LAPACK's eigen-solver
 *       returned wrong eigenvectors on Zen 4 and on Sapphire Rapids. Haswell's kernels were right on Sapphire Rapids
 *       (SGEMM, DGEMM, LAPACK) and are the ones OpenBLAS picks itself on Zen 4. The build's test suite runs under the
 *       same setting (surefire forks its JVMs through {@code .mvn/test-jvm/bin/java}); a CPU without AVX2 needs the
 *       user's own {@code OPENBLAS_CORETYPE} (for example {@code Sandybridge}).</li>
 *   <li>{@code OPENBLAS_THREAD_TIMEOUT=4}: OpenBLAS's idle threads go to sleep at once after a product (2^4 cycles)
 *       instead of polling the core for about 2^28 cycles (a tenth of a second). The polling took the second core
 *       from the Java loops that run on both cores between products (the convolutions' patches), from the JIT
 *       compiler and from the garbage collector: in a {@code perf} profile of the convolutional VAE's command, the
 *       second BLAS thread spent 55% of its time in {@code sched_yield}. One epoch of that command trained at 1,044
 *       and 1,029 examples/s against 949 and 910 with the default, in alternating runs on an AMD EPYC; the dense VAE
 *       (3,577 to 3,915 against 3,810 to 4,183) and the image RealNVP (418 and 423 against 423 and 441) did not
 *       change beyond the machine's noise.</li>
 * </ul>
 * The user's own values always win. The AVX-512 build of nd4j-native is not among them: once {@code HostAdam} took over
 * the Adam update, it ran these steps no faster than the generic build.
 * These variables are read once, when the native libraries load, so {@link Main} starts a child JVM with those the
 * user did not set.
 */
final class FastestSettings {
    static final String THREADS = "OMP_NUM_THREADS";
    static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    static final String CORE_TYPE = "OPENBLAS_CORETYPE";
    static final String AVX2_CORE = "Haswell";
    static final String THREAD_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT";
    /** OpenBLAS's shortest: its idle threads wait 2^4 cycles before they sleep. */
    static final String SHORTEST_TIMEOUT = "4";

    static final String BLAS_THREADS = "OPENBLAS_NUM_THREADS";
    /** From this many parameters on, the products are large enough to gain from more than one BLAS thread. */
    static final long MANY_PARAMETERS = 1_000_000;

    private FastestSettings() {
    }

    /** The environment variables of the fastest settings that are not set yet, with their values. */
    static Map<String, String> missingEnvironment() {
        Map<String, String> missing = defaultEnvironment();
        missing.keySet().removeIf(name -> System.getenv(name) != null);
        return missing;
    }

    /** The environment variables of the fastest settings on this kind of machine, with their values. */
    static Map<String, String> defaultEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(THREADS, "1");
        if (isX86()) {
            environment.put(CORE_TYPE, AVX2_CORE);
        }
        environment.put(THREAD_TIMEOUT, SHORTEST_TIMEOUT);
        return environment;
    }

    /** Whether this JVM runs on x86-64, where OpenBLAS's x86 kernels apply. */
    static boolean isX86() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** Sets the JavaCPP properties the user did not set; call before the first ND4J class loads. */
    static void applyProperties() {
        if (System.getProperty(PHYSICAL_BYTES) == null) {
            System.setProperty(PHYSICAL_BYTES, "0");
        }
    }

    /** Runs {@code main} again in a child JVM with {@code environment} added, sharing the console; returns its exit code. */
    static int relaunch(Class<?> main, String[] args, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = ChildJvm.likeThisJvm(main, Arrays.asList(args)).inheritIO();
        builder.environment().putAll(environment);
        StringBuilder line = new StringBuilder("settings:");
        environment.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        System.err.println(line.append(" (the fastest measured; set these variables yourself to choose)"));
        return builder.start().waitFor();
    }

    /**
     * Sets OpenBLAS's thread count for training a model of {@code parameters} parameters: {@code OPENBLAS_NUM_THREADS}
     * where the user set it (ND4J would otherwise replace it by {@code OMP_NUM_THREADS}), else all cores from
     * {@link #MANY_PARAMETERS} parameters on and one below. Returns the count in use.
     */
    static int useBlasThreadsFor(long parameters) {
        String chosen = System.getenv(BLAS_THREADS);
        int threads = chosen != null ? Integer.parseInt(chosen.trim())
                : parameters >= MANY_PARAMETERS ? Runtime.getRuntime().availableProcessors() : 1;
        Blas blas = Nd4j.factory().blas();
        if (blas.getMaxThreads() != threads) {
            blas.setMaxThreads(threads);
        }
        return blas.getMaxThreads();
    }

    /** What this JVM runs with, for reports. */
    static Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        settings.put(THREADS, String.valueOf(System.getenv(THREADS)));
        settings.put(CORE_TYPE, String.valueOf(System.getenv(CORE_TYPE)));
        settings.put(THREAD_TIMEOUT, String.valueOf(System.getenv(THREAD_TIMEOUT)));
        settings.put(PHYSICAL_BYTES, String.valueOf(System.getProperty(PHYSICAL_BYTES)));
        settings.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        // libnd4j's binaryLevel(): 1 generic x86-64, 2 AVX2, 3 AVX-512
        int level = ops.binaryLevel();
        settings.put("nd4j_native_build", level == 3 ? "AVX-512" : level == 2 ? "AVX2" : "generic (level " + level + ")");
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.version"));
        return settings;
    }
}
