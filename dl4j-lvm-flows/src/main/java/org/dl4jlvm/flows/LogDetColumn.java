package org.dl4jlvm.flows;

import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layout of a flow step's activations (DESIGN convention 6): a DL4J layer has one output, so a step
 * carries the running log-determinant as the last column, input {@code [x | logDet]} (width D + 1),
 * output {@code [y | logDet + log|det dy/dx|]}. The first step may take plain {@code x} (width D) and
 * start the column at zero. These helpers decide, from the configured D, which layout an input has.
 */
public final class LogDetColumn {
    private LogDetColumn() {
    }

    /** Fails unless the configured dimension D is at least {@code minimum}. */
    public static long checkDimension(String step, long dimension, long minimum) {
        if (dimension < minimum) {
            throw new IllegalArgumentException(step + ": dimension must be >= " + minimum + ", found " + dimension
                    + (dimension == 0 ? " (not set: call dimension(D) on the builder)" : ""));
        }
        return dimension;
    }

    /** True when an input of this type carries the log-det column (width D + 1), false for width D. */
    public static boolean carried(String step, long dimension, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(step + ": expected feed-forward input of width " + dimension + " or "
                    + (dimension + 1) + " ([x | logDet]), found " + inputType);
        }
        return carried(step, dimension, ((InputType.InputTypeFeedForward) inputType).getSize());
    }

    /** True for width D + 1, false for width D; an {@link IllegalArgumentException} for any other width. */
    public static boolean carried(String step, long dimension, long width) {
        if (width == dimension + 1) {
            return true;
        }
        if (width == dimension) {
            return false;
        }
        throw new IllegalArgumentException(step + ": expected input width " + dimension + " (x) or " + (dimension + 1)
                + " ([x | logDet]) for dimension " + dimension + ", found width " + width);
    }

    /** Checks a runtime input against the configured layout. */
    public static void checkInput(String step, long dimension, boolean carried, INDArray input) {
        Checks.width(step + " input", input, carried ? dimension + 1 : dimension);
    }
}
