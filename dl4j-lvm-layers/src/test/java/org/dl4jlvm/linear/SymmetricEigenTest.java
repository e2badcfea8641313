package org.dl4jlvm.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jlvm.TestData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SymmetricEigenTest {

    @Test
    void reconstructsTheMatrixWithDescendingValues() {
        INDArray b = TestData.normal(6, 6, 3, DataType.DOUBLE);
        INDArray a = b.mmul(b.transpose()).addi(Nd4j.eye(6).castTo(DataType.DOUBLE).muli(0.5));
        SymmetricEigen eigen = SymmetricEigen.of(a);
        INDArray rebuilt = eigen.vectors.mulRowVector(eigen.values).mmul(eigen.vectors.transpose());
        assertEquals(0, rebuilt.sub(a).amaxNumber().doubleValue(), 1e-10);
        for (int i = 1; i < 6; i++) {
            assertEquals(true, eigen.values.getDouble(i - 1) >= eigen.values.getDouble(i));
        }
        INDArray gram = eigen.vectors.transpose().mmul(eigen.vectors);
        assertEquals(0, gram.sub(Nd4j.eye(6).castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-10);
    }
}
