package org.dl4jlvm.examples;

import java.lang.management.ManagementFactory;
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
 * </ul>
 */
final class FastestSettings {
    static final String THREADS = "OMP_NUM_THREADS";
    static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private FastestSettings() {
    }

    /** True when the thread setting is already chosen, by the user or by an earlier launch. */
    static boolean threadsChosen() {
        return System.getenv(THREADS) != null;
    }

    /** Sets the JavaCPP property unless the user did; call before the first ND4J class loads. */
    static void applyProperties() {
        if (System.getProperty(PHYSICAL_BYTES) == null) {
            System.setProperty(PHYSICAL_BYTES, "0");
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
        System.err.println("settings: " + THREADS + "=1, " + PHYSICAL_BYTES
                + "=0 (the fastest measured; set " + THREADS + " yourself to choose)");
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
        settings.put("native_binary_level", ops.binaryLevel());
        settings.put("native_optimal_level", ops.optimalLevel());
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.version"));
        return settings;
    }
}
