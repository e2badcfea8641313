package org.dl4jlvm.sbi;

/** Checks of parameter and data vectors, with messages that name the argument. */
final class Parameters {
    private Parameters() {
    }

    /** Fails unless {@code values} has {@code length} entries, none NaN. */
    static double[] check(String name, double[] values, int length) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + ": expected " + length + " values, found "
                    + (values == null ? "none" : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException(name + ": expected numbers, found NaN at index " + i);
            }
        }
        return values;
    }

    /** As {@link #check}, and theta must lie in the prior's support. */
    static double[] inSupport(Prior prior, double[] theta) {
        check("theta", theta, prior.dimension());
        if (!prior.inSupport(theta)) {
            throw new IllegalArgumentException("theta: expected a point in the prior's support (" + prior + "), found "
                    + java.util.Arrays.toString(theta));
        }
        return theta;
    }
}
