package org.dl4jlvm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts that bad input is rejected with an IllegalArgumentException whose message says what was wrong. */
public final class Rejections {
    private Rejections() {
    }

    /** The action throws an IllegalArgumentException (itself or as a cause) whose message contains every part. */
    public static void assertMessage(Executable action, String... parts) {
        Throwable thrown = assertThrows(Throwable.class, action);
        Throwable cause = thrown;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof IllegalArgumentException, "expected IllegalArgumentException, got " + thrown);
        for (String part : parts) {
            assertTrue(cause.getMessage().contains(part), "'" + cause.getMessage() + "' should mention '" + part + "'");
        }
    }
}
