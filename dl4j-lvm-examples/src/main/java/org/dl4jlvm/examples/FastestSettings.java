package org.dl4jlvm.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The settings the examples run with unless told otherwise, the fastest measured by the {@code bench} command on
 * nd4j-native (see the README):
 * <ul>
 *   <li>{@code OMP_NUM_THREADS=1}: one OpenMP thread for ND4J's native ops and OpenBLAS. Two threads on the 2-core
 *       machine measured 1.5x to 2x slower per training step. libgomp reads the variable once, when the native library
 *       loads, so {@link Main} starts a child JVM with it when it is unset.</li>
 *   <li>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: JavaCPP no longer reads the process's resident memory on
 *       every native allocation, which took about 12% of a RealNVP step of small arrays.</li>
 *   <li>The AVX-512 build of nd4j-native (a dependency of this module), which ND4J loads by itself where the CPU has
 *       AVX-512: its Adam update runs 2.3x faster. On a CPU without AVX-512 the generic build is forced
 *       ({@code org.bytedeco.javacpp.platform.extension} set empty), since ND4J would otherwise load it anyway.</li>
 * </ul>
 */
final class FastestSettings {
    static final String THREADS = "OMP_NUM_THREADS";
    static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private FastestSettings() {
    }

    /** True when the thread setting is already chosen, by the user or by an earlier launch. */
    static boolean threadsChosen() {
        return System.getenv(THREADS) != null;
    }

    /** Sets the JavaCPP properties the user did not set; call before the first ND4J class loads. */
    static void applyProperties() {
        if (System.getProperty(PHYSICAL_BYTES) == null) {
            System.setProperty(PHYSICAL_BYTES, "0");
        }
        if (System.getProperty(EXTENSION) == null && !cpuHasAvx512()) {
            System.setProperty(EXTENSION, "");
        }
    }

    /** True when /proc/cpuinfo lists the avx512f flag. */
    static boolean cpuHasAvx512() {
        try {
            return Files.readString(Paths.get("/proc/cpuinfo")).contains(" avx512f");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs this JVM's main class again with {@code OMP_NUM_THREADS=1}, sharing the console; returns its exit code. */
    static int relaunchWithOneThread(String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(THREADS, "1");
        System.err.println("settings: " + THREADS + "=1, " + PHYSICAL_BYTES + "=0, nd4j-native "
                + (cpuHasAvx512() ? "AVX-512" : "generic") + " build (the fastest measured; set " + THREADS
                + " yourself to choose)");
        return builder.start().waitFor();
    }

    /** What this JVM runs with, for reports. */
    static Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        settings.put(THREADS, String.valueOf(System.getenv(THREADS)));
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
