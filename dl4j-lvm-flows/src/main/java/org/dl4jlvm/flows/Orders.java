package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Orders of the D coordinates for autoregressive steps (and permutations): {@code order[t]} is the coordinate that
 * comes t-th, so coordinate {@code order[0]} depends on nothing and {@code order[D - 1]} on every other one.
 */
public final class Orders {
    private Orders() {
    }

    /** 0, 1, ..., D - 1. */
    public static int[] natural(int dimension) {
        checkDimension(dimension);
        int[] order = new int[dimension];
        for (int t = 0; t < dimension; t++) {
            order[t] = t;
        }
        return order;
    }

    /** D - 1, ..., 1, 0. */
    public static int[] reversed(int dimension) {
        int[] order = natural(dimension);
        for (int t = 0; t < dimension; t++) {
            order[t] = dimension - 1 - t;
        }
        return order;
    }

    /** A random order drawn with {@code seed}. */
    public static int[] random(int dimension, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int index : natural(dimension)) {
            order.add(index);
        }
        Collections.shuffle(order, new Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The position of each coordinate: {@code position[order[t]] = t}. */
    public static int[] positions(int[] order) {
        int[] positions = new int[order.length];
        for (int t = 0; t < order.length; t++) {
            positions[order[t]] = t;
        }
        return positions;
    }

    /** Fails unless {@code order} holds each of 0..D-1 exactly once. */
    public static void check(String parameter, int[] order, long dimension) {
        if (order == null || order.length != dimension) {
            throw new IllegalArgumentException(parameter + ": expected a permutation of length " + dimension + ", found "
                    + (order == null ? "none" : "length " + order.length));
        }
        boolean[] seen = new boolean[order.length];
        for (int index : order) {
            if (index < 0 || index >= order.length || seen[index]) {
                throw new IllegalArgumentException(parameter + ": expected each of 0.." + (order.length - 1)
                        + " exactly once, found " + Arrays.toString(order));
            }
            seen[index] = true;
        }
    }

    private static void checkDimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension: expected D >= 1, found " + dimension);
        }
    }
}
