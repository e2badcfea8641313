package org.dl4jlvm.flows.transform;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a transform's SameDiff definition on double arrays: values, log-derivatives and gradients. */
final class TransformEvaluation {
    private TransformEvaluation() {
    }

    /** {@code {image, logDerivative}} of x ({@code [batch, n]}) for parameters h ({@code [batch, P n]}). */
    static INDArray[] apply(ElementwiseTransform transform, INDArray x, INDArray h, boolean forward) {
        SameDiff sd = SameDiff.create();
        long n = x.size(1);
        SDVariable xv = sd.placeHolder("x", DataType.DOUBLE, -1, n);
        SDVariable hv = sd.placeHolder("h", DataType.DOUBLE, -1, h.size(1));
        SDVariable[] out = forward ? transform.forward(sd, xv, hv, n) : transform.inverse(sd, xv, hv, n);
        sd.identity("image", out[0]);
        sd.identity("logDerivative", out[1]);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("x", x);
        feed.put("h", h);
        Map<String, INDArray> result = sd.output(feed, "image", "logDerivative");
        return new INDArray[] {result.get("image"), result.get("logDerivative")};
    }

    /**
     * Gradients of {@code L = sum(dy * image + dl * logDerivative)} with respect to x and h, by SameDiff's autodiff of
     * the forward definition: {@code {dL/dx, dL/dh}}.
     */
    static INDArray[] gradients(ElementwiseTransform transform, INDArray x, INDArray h, INDArray dy, INDArray dl) {
        SameDiff sd = SameDiff.create();
        long n = x.size(1);
        SDVariable xv = sd.var("x", x.dup());
        SDVariable hv = sd.var("h", h.dup());
        SDVariable[] out = transform.forward(sd, xv, hv, n);
        out[0].mul(sd.constant(dy)).sum().add(out[1].mul(sd.constant(dl)).sum()).markAsLoss();
        Map<String, INDArray> gradients = sd.calculateGradients(new HashMap<>(), "x", "h");
        return new INDArray[] {gradients.get("x"), gradients.get("h")};
    }
}
