package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/** An ordered set of named results, written as metrics.json. */
public final class Metrics {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Metrics put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), values);
    }

    /** The values of a metrics.json file, in their order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
