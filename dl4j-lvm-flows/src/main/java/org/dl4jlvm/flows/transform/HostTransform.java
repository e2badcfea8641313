package org.dl4jlvm.flows.transform;

/**
 * The optional CPU fast path of an {@link ElementwiseTransform}: the same map of one coordinate, and its backward pass,
 * in double precision on the Java heap. The training runtime of the library's steps calls it per element instead of
 * running the SameDiff definition, whose per-op cost exceeds the arithmetic for the small arrays of a flow step. It must
 * agree with the transform's SameDiff definition; the flow tests hold every implementation to it.
 */
public interface HostTransform {

    /**
     * {@code y = f(x; p)} and {@code log|f'(x; p)|}, written to {@code out[0]} and {@code out[1]}.
     *
     * @param p the P parameters of this coordinate, in block order
     */
    void forward(double x, double[] p, double[] out);

    /**
     * The backward pass for upstream gradients {@code dy} (of y) and {@code dLogDerivative} (of the log-derivative):
     * writes {@code dL/dx} to {@code gradient[0]} and {@code dL/dp_k} to {@code gradient[1 + k]}.
     */
    void backward(double x, double[] p, double dy, double dLogDerivative, double[] gradient);
}
