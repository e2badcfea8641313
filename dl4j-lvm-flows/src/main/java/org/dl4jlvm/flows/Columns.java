package org.dl4jlvm.flows;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Column selection in SameDiff that DL4J M2.1 differentiates correctly. Its {@code gather} cannot be used in
 * a trained graph: along axis 1 the gradient op fails (and names a variable that clashes on the second use),
 * along axis 0 it returns a wrong gradient. So columns are selected by a product with a constant 0/1
 * matrix, {@code x S} with {@code S[indices[i], i] = 1}: O(batch D^2), exact, with the gradient of a matmul.
 */
final class Columns {
    private Columns() {
    }

    /** {@code out[:, i] = x[:, indices[i]]}, for x of width {@code width}. */
    static SDVariable select(SameDiff sd, SDVariable x, int[] indices, long width) {
        INDArray selection = Nd4j.zeros(x.dataType(), width, indices.length);
        for (int i = 0; i < indices.length; i++) {
            selection.putScalar(indices[i], i, 1.0);
        }
        return x.mmul(sd.constant(selection));
    }
}
