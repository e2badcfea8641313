package org.dl4jlvm.flows;

import java.util.Map;
import org.dl4jlvm.core.HostRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link SameDiffFlowStep}'s CPU training runtime on a batch: its {@link HostBijection} of the step's own D
 * coordinates, and around it the layout {@code [x | factored | context | logDet]}: the factored-out coordinates and
 * the context pass unchanged, the step's log-det is added to the carried one, and the input gradient gets
 * {@code dL/dlogDet} back on the carried column.
 */
final class BijectionRuntime implements HostRuntime {
    private final HostBijection map;
    private final int dimension;
    /** The factored-out and context columns. */
    private final int carried;
    private final boolean logDetCarried;
    private int rows;
    private int inputWidth;
    private DataType type;

    BijectionRuntime(SameDiffFlowStep step) {
        this.map = step.host();
        this.dimension = (int) step.dimension();
        this.carried = (int) (step.carriedWidth() - step.dimension());
        this.logDetCarried = step.isLogDetCarried();
    }

    @Override
    public INDArray forward(INDArray input, Map<String, INDArray> parameters) {
        int d = dimension;
        rows = (int) input.size(0);
        inputWidth = (int) input.size(1);
        type = input.dataType();
        int in = inputWidth;
        double[] values = HostMatrix.read(input);
        double[] x = new double[rows * d];
        double[] logDet = new double[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * in, x, i * d, d);
            logDet[i] = logDetCarried ? values[i * in + in - 1] : 0.0;
        }
        double[] y = map.forward(x, rows, parameters, logDet);
        int out = d + carried + 1;
        double[] output = new double[rows * out];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(y, i * d, output, i * out, d);
            System.arraycopy(values, i * in + d, output, i * out + d, carried);
            output[i * out + out - 1] = logDet[i];
        }
        return HostMatrix.create(output, rows, out, type);
    }

    @Override
    public INDArray backward(INDArray dOutput, Map<String, INDArray> gradients) {
        int d = dimension;
        int out = d + carried + 1;
        int in = inputWidth;
        double[] values = HostMatrix.read(dOutput);
        double[] dy = new double[rows * d];
        double[] dLogDet = new double[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * out, dy, i * d, d);
            dLogDet[i] = values[i * out + out - 1];
        }
        double[] dx = map.backward(dy, dLogDet, rows, gradients);
        double[] inputGradient = new double[rows * in];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(dx, i * d, inputGradient, i * in, d);
            System.arraycopy(values, i * out + d, inputGradient, i * in + d, carried);
            if (logDetCarried) {
                inputGradient[i * in + in - 1] = dLogDet[i];
            }
        }
        return HostMatrix.create(inputGradient, rows, in, type);
    }

    @Override
    public void clear() {
    }
}
