package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Binary masks for coupling steps, of length D: 1 marks a coordinate that passes unchanged and conditions
 * the transformation, 0 a coordinate that is transformed. Each mask has both parts non-empty (D >= 2).
 */
public final class Masks {
    private Masks() {
    }

    /** Ones on the first {@code D / 2} coordinates (rounded down), zeros on the rest. */
    public static int[] firstHalf(int dimension) {
        checkDimension(dimension);
        int[] mask = new int[dimension];
        for (int i = 0; i < dimension / 2; i++) {
            mask[i] = 1;
        }
        return mask;
    }

    /** The complement of {@link #firstHalf}. */
    public static int[] secondHalf(int dimension) {
        return complement(firstHalf(dimension));
    }

    /** Ones on even coordinates when {@code parity} is 0, on odd coordinates when it is 1. */
    public static int[] alternating(int dimension, int parity) {
        checkDimension(dimension);
        checkParity(parity);
        int[] mask = new int[dimension];
        for (int i = 0; i < dimension; i++) {
            mask[i] = (i % 2 == parity) ? 1 : 0;
        }
        return mask;
    }

    /** Ones on a random half of the coordinates ({@code D / 2} of them), chosen by {@code seed}. */
    public static int[] random(int dimension, long seed) {
        checkDimension(dimension);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dimension; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] mask = new int[dimension];
        for (int i = 0; i < dimension / 2; i++) {
            mask[order.get(i)] = 1;
        }
        return mask;
    }

    /**
     * RealNVP's checkerboard mask on flat NCHW images ({@link ImageShape}): ones on the pixels with {@code i + j} even
     * when {@code parity} is 0, odd when it is 1, in every channel. Needs at least two pixels.
     */
    public static int[] checkerboard(ImageShape shape, int parity) {
        checkParity(parity);
        int[] mask = new int[(int) shape.size()];
        for (int c = 0, k = 0; c < shape.getChannels(); c++) {
            for (int i = 0; i < shape.getHeight(); i++) {
                for (int j = 0; j < shape.getWidth(); j++, k++) {
                    mask[k] = (i + j) % 2 == parity ? 1 : 0;
                }
            }
        }
        check("checkerboard of " + shape, mask, mask.length);
        return mask;
    }

    /**
     * RealNVP's channel-wise mask on flat NCHW images: ones on the first {@code C / 2} channels (rounded down) when
     * {@code parity} is 0, on the others when it is 1. Needs at least two channels.
     */
    public static int[] channels(ImageShape shape, int parity) {
        checkParity(parity);
        if (shape.getChannels() < 2) {
            throw new IllegalArgumentException("channel mask: expected at least 2 channels, found images " + shape);
        }
        int[] mask = new int[(int) shape.size()];
        for (int k = 0; k < shape.getChannels() / 2 * shape.pixels(); k++) {
            mask[k] = 1;
        }
        return parity == 0 ? mask : complement(mask);
    }

    private static void checkParity(int parity) {
        if (parity != 0 && parity != 1) {
            throw new IllegalArgumentException("parity: expected 0 or 1, found " + parity);
        }
    }

    /** 1 - mask. */
    public static int[] complement(int[] mask) {
        int[] result = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            result[i] = 1 - mask[i];
        }
        return result;
    }

    /** Fails unless {@code mask} has length D, only 0 and 1, and at least one of each. */
    public static void check(String parameter, int[] mask, long dimension) {
        if (mask == null || mask.length != dimension) {
            throw new IllegalArgumentException(parameter + ": expected a mask of length " + dimension + " (the dimension D), found "
                    + (mask == null ? "none" : "length " + mask.length));
        }
        int ones = 0;
        for (int value : mask) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException(parameter + ": expected entries 0 or 1, found " + value);
            }
            ones += value;
        }
        if (ones == 0 || ones == mask.length) {
            throw new IllegalArgumentException(parameter + ": expected both kept (1) and transformed (0) coordinates, found "
                    + ones + " ones of " + mask.length);
        }
    }

    private static void checkDimension(int dimension) {
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension: a coupling mask needs D >= 2, found " + dimension);
        }
    }
}
