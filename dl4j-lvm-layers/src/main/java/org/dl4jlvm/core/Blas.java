package org.dl4jlvm.core;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products, column sums and bias rows for the dense arithmetic, by a direct call into the OpenBLAS that ND4J's
 * CPU backend loads where the arrays allow it, and by ND4J's ops otherwise (another backend, another data type, a
 * layout BLAS cannot describe). ND4J's own products call the same OpenBLAS.
 *
 * <p>Why: ND4J runs {@code Nd4j.gemm} through its {@code matmul} custom op, whose set-up cost 5 to 55 us a call on
 * this project's machine, against 5 us for the whole 256x2x128 product in OpenBLAS; a column sum ({@code sum} over
 * dimension 0) took 60 us at 256x128, against a few us as a product with a vector of ones. The small flows make dozens
 * of such calls per step.
 */
public final class Blas {
    private static final boolean CPU_BACKEND = Nd4j.getBackend().getClass().getName().contains(".nativecpu.");
    /** The system property that starts the library with the direct paths off: {@code -Ddl4jlvm.directCalls=false}. */
    public static final String PROPERTY = "dl4jlvm.directCalls";
    private static volatile boolean directCalls = !"false".equalsIgnoreCase(System.getProperty(PROPERTY));

    private Blas() {
    }

    /**
     * True for float and double arrays of nd4j-native, whose buffers are host memory that OpenBLAS and Java address
     * directly, while the direct paths are on; other types and backends go through ND4J.
     */
    public static boolean direct(DataType type) {
        return directCalls && CPU_BACKEND && (type == DataType.FLOAT || type == DataType.DOUBLE);
    }

    /**
     * Turns the direct paths on (the default) or off. Off, every product, column sum, bias row, coupling arithmetic
     * and {@code HostAdam} update runs through ND4J's ops, as on another backend: to compare the two, or to rule the
     * direct paths out when a result looks wrong.
     */
    public static void setDirectCalls(boolean on) {
        directCalls = on;
    }

    /** Whether the direct paths are on. */
    public static boolean directCalls() {
        return directCalls;
    }

    /** {@code c = alpha op(a) op(b) + beta c}, op being the transpose where asked; as {@code Nd4j.gemm}. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
            double beta) {
        MatrixLayout[] layouts = layouts(a, b, c);
        if (layouts != null) {
            checkShapes(layouts[0], layouts[1], layouts[2], transposeA, transposeB);
            OpenBlas.gemm(layouts[0], layouts[1], layouts[2], transposeA, transposeB, alpha, beta);
            keepReachable(a, b, c);
        } else if (c.elementWiseStride() == 1) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        } else {
            // Nd4j.gemm refuses a result with gaps between its elements
            c.assign(Nd4j.gemm(a, b, c.dup(), transposeA, transposeB, alpha, beta));
        }
    }

    /** {@code sums[j] = sum_i matrix[i][j]}, written into the row {@code sums} (length = the matrix's columns). */
    public static void columnSums(INDArray matrix, INDArray sums) {
        MatrixLayout[] layouts = layouts(matrix, sums);
        if (layouts != null && layouts[1].rows == 1 && layouts[1].columns == layouts[0].columns) {
            OpenBlas.columnSums(layouts[0], layouts[1]);
            keepReachable(matrix, sums);
        } else {
            matrix.sum(sums, 0);
        }
    }

    /** {@code z = x W + b} into {@code z}, the bias a row: the bias copied to every row, then the product added. */
    public static void affine(INDArray x, INDArray weights, INDArray bias, INDArray z) {
        MatrixLayout[] layouts = layouts(x, weights, bias, z);
        if (layouts != null && layouts[2].rows == 1) {
            checkShapes(layouts[0], layouts[1], layouts[3], false, false);
            if (layouts[2].columns != layouts[3].columns) {
                throw new IllegalArgumentException("bias: expected " + layouts[3].columns + " values, found "
                        + layouts[2].columns);
            }
            OpenBlas.broadcastRows(layouts[2], layouts[3]);
            OpenBlas.gemm(layouts[0], layouts[1], layouts[3], false, false, 1.0, 1.0);
            keepReachable(x, weights, bias, z);
        } else {
            gemm(x, weights, z, false, false, 1.0, 0.0);
            // ND4J's bias_add: about 3x faster than a row-vector broadcast on small batches
            Nd4j.exec(new BiasAdd(z, bias.reshape(bias.length()), z, false));
        }
    }

    /**
     * The sum of the absolute values of a contiguous array, as a finiteness test in one vectorised pass: it is NaN or
     * infinite when an entry is, and otherwise finite unless the entries' sum overflows. OpenBLAS's {@code ?asum}
     * read a VAE's 1.1M float gradients in 0.15 ms, ND4J's {@code norm1} in 0.8 ms.
     */
    public static double absoluteSum(INDArray array) {
        if (direct(array.dataType()) && !array.isEmpty() && array.elementWiseStride() == 1
                && array.length() <= Integer.MAX_VALUE) {
            double sum = OpenBlas.absoluteSum(array.data().addressPointer(), (int) array.length());
            keepReachable(array);
            return sum;
        }
        return array.norm1Number().doubleValue();
    }

    /** OpenBLAS reads and writes by these sizes without checking them, so they are checked here. */
    private static void checkShapes(MatrixLayout a, MatrixLayout b, MatrixLayout c, boolean transposeA,
            boolean transposeB) {
        int rows = transposeA ? a.columns : a.rows;
        int inner = transposeA ? a.rows : a.columns;
        int innerB = transposeB ? b.columns : b.rows;
        int columns = transposeB ? b.rows : b.columns;
        if (inner != innerB || rows != c.rows || columns != c.columns) {
            throw new IllegalArgumentException("matrix product: op(a) is " + rows + " x " + inner + ", op(b) " + innerB
                    + " x " + columns + ", the result " + c.rows + " x " + c.columns + "; expected m x k, k x n and"
                    + " m x n");
        }
    }

    /** The arrays' layouts if all can go to OpenBLAS: this backend, one floating type, describable; else null. */
    /**
     * Keeps arrays whose addresses went to OpenBLAS reachable until here: ND4J frees a detached array's memory once
     * the array is collected, which could otherwise happen during the call when the caller never uses it again.
     */
    private static void keepReachable(INDArray... arrays) {
        Reference.reachabilityFence(arrays);
    }

    private static MatrixLayout[] layouts(INDArray... arrays) {
        DataType type = arrays[0].dataType();
        if (!direct(type)) {
            return null;
        }
        MatrixLayout[] layouts = new MatrixLayout[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            layouts[i] = arrays[i].dataType() == type ? MatrixLayout.of(arrays[i]) : null;
            if (layouts[i] == null) {
                return null;
            }
        }
        return layouts;
    }
}
