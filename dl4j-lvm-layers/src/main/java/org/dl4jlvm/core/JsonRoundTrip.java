package org.dl4jlvm.core;

import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Refuses, when a configuration takes it, a value that would save but not load: a layer configuration is written to
 * JSON with the model and read back by {@code ModelSerializer}, and a value without a Jackson creator (ND4J's
 * {@code RampSchedule} in 1.0.0-M2.1) fails only then, when the training it came from is gone.
 */
public final class JsonRoundTrip {
    private JsonRoundTrip() {
    }

    /** {@code value}, after checking that DL4J's JSON mapper writes it and reads back an equal value. */
    public static <T> T require(String name, T value) {
        Objects.requireNonNull(value, name);
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        Object back;
        try {
            back = mapper.readValue(mapper.writeValueAsString(value), value.getClass());
        } catch (Exception e) {
            throw new IllegalArgumentException(name + ": expected a value that DL4J's JSON can save and load back (so that "
                    + "the model loads), found " + value.getClass().getName() + ", which fails: " + e.getMessage(), e);
        }
        if (!value.equals(back)) {
            throw new IllegalArgumentException(name + ": " + value + " reads back from JSON as " + back + ", a different value");
        }
        return value;
    }
}
