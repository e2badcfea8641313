package org.dl4jlvm.core;

/**
 * Thrown when training meets a NaN or infinite score (or, with {@code ObjectivePartsListener}, gradient), before the
 * update: the parameters stay those before the failing step.
 */
public class NonFiniteScoreException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonFiniteScoreException(String message) {
        super(message);
    }
}
