package org.dl4jlvm.flows;

import java.util.Arrays;
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
        return carried(step, dimension, 0, inputType);
    }

    /** With a context of width C carried: true for width D + C + 1 ({@code [x | context | logDet]}), false for D + C. */
    public static boolean carried(String step, long dimension, long contextWidth, InputType inputType) {
        long width = dimension + contextWidth;
        String layout = contextWidth == 0 ? "([x | logDet])" : "([x | context | logDet], context width " + contextWidth + ")";
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(step + ": expected feed-forward input of width " + width + " or "
                    + (width + 1) + " " + layout + ", found " + inputType);
        }
        long found = ((InputType.InputTypeFeedForward) inputType).getSize();
        if (contextWidth == 0) {
            return carried(step, dimension, found);
        }
        if (found == width || found == width + 1) {
            return found == width + 1;
        }
        throw new IllegalArgumentException(step + ": expected input width " + width + " or " + (width + 1) + " " + layout
                + " for dimension " + dimension + ", found width " + found);
    }

    /** Fails unless the context matches the width C: null when C = 0, else {@code [rows, C]}. */
    public static void checkContext(String step, long contextWidth, long rows, INDArray context) {
        if (contextWidth == 0) {
            if (context != null) {
                throw new IllegalArgumentException(step + ": expected no context (the step was built without one), "
                        + "found a context of shape " + Arrays.toString(context.shape()));
            }
            return;
        }
        if (context == null) {
            throw new IllegalArgumentException(step + ": expected a context of width " + contextWidth + ", found none");
        }
        Checks.width(step + " context", context, contextWidth);
        if (context.size(0) != rows) {
            throw new IllegalArgumentException(step + ": expected a context row per example (" + rows + "), found "
                    + context.size(0));
        }
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
