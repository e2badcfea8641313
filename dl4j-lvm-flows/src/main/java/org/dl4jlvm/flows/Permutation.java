package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A fixed permutation of the coordinates: forward (data to latent) {@code y_i = x_{p(i)}}, inverse (latent
 * to data) {@code x_{p(i)} = y_i}; {@code log|det| = 0}. No parameters. Built as the reversal, a seeded
 * random permutation, or an explicit one; the permutation is part of the configuration (saved with it).
 */
public class Permutation extends RearrangingStep {

    private int[] permutation;

    /** For Jackson. */
    public Permutation() {
    }

    private Permutation(Builder builder) {
        super(builder);
        this.permutation = builder.permutation();
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        Orders.check(describe() + " permutation", permutation, dimension());
    }

    private int[] inversePermutation() {
        int[] inverse = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inverse[permutation[i]] = i;
        }
        return inverse;
    }

    @Override
    protected SDVariable rearrange(SameDiff sd, SDVariable x) {
        return Columns.select(sd, x, permutation, dimension());
    }

    @Override
    protected SDVariable restore(SameDiff sd, SDVariable y) {
        return Columns.select(sd, y, inversePermutation(), dimension());
    }

    public int[] getPermutation() {
        return permutation == null ? null : permutation.clone();
    }

    public void setPermutation(int[] permutation) {
        this.permutation = permutation == null ? null : permutation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(permutation, ((Permutation) o).permutation);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Arrays.hashCode(permutation);
    }

    /** Builder: {@code dimension(D)} and one of {@code reverse()}, {@code random(seed)}, {@code permutation(...)}. */
    public static class Builder extends SameDiffFlowStep.Builder<Builder> {
        private int[] explicit;
        private Long seed;

        /** The reversal {@code p(i) = D - 1 - i} (the default). */
        public Builder reverse() {
            this.explicit = null;
            this.seed = null;
            return this;
        }

        /** A random permutation drawn with {@code seed}. */
        public Builder random(long seed) {
            this.explicit = null;
            this.seed = seed;
            return this;
        }

        /** An explicit permutation: output coordinate i is input coordinate {@code permutation[i]}. */
        public Builder permutation(int... permutation) {
            this.explicit = permutation.clone();
            this.seed = null;
            return this;
        }

        private int[] permutation() {
            if (explicit != null) {
                return explicit;
            }
            int dimension = (int) LogDetColumn.checkDimension("Permutation", dimension(), 1);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < dimension; i++) {
                order.add(seed == null ? dimension - 1 - i : i);
            }
            if (seed != null) {
                Collections.shuffle(order, new java.util.Random(seed));
            }
            return order.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Permutation build() {
            return new Permutation(this);
        }
    }
}
