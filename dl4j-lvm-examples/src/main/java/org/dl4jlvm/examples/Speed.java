package org.dl4jlvm.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J settings the examples run with, as reported by every command that measures speed. */
final class Speed {
    private Speed() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        settings.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        settings.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        settings.put("nd4j_max_master_threads", Nd4j.getEnvironment().maxMasterThreads());
        settings.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        return settings;
    }
}
