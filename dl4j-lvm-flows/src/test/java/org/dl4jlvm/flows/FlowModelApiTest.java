package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import org.dl4jlvm.api.BitsPerDim;
import org.dl4jlvm.api.LatentVariableModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A flow through the common model API: encode is forward, decode is inverse, the likelihood is exact. */
class FlowModelApiTest {

    @Test
    void encodeAndDecodeAreEachOthersInverseForEveryChain() {
        INDArray x = FlowGraphs.inputs(30, 5);
        for (Map.Entry<String, Supplier<ComputationGraph>> chain : FlowGraphs.chains().entrySet()) {
            LatentVariableModel flow = new Flow(chain.getValue().get());
            assertEquals(LatentVariableModel.LikelihoodKind.EXACT, flow.likelihoodKind(), chain.getKey());
            assertEquals(FlowGraphs.D, flow.latentWidth(), chain.getKey());
            INDArray z = flow.encode(x);
            assertTrue(flow.decode(z).equalsWithEps(x, 1e-8), chain.getKey() + ": decode(encode(x)) must be x");
            assertTrue(flow.reconstruct(x).equalsWithEps(x, 1e-8), chain.getKey() + ": reconstruct(x) must be x");
        }
    }

    @Test
    void bitsPerDimensionOfADequantizingFlowReferToTheDiscreteData() {
        INDArray x = FlowGraphs.inputs(30, 6);
        Flow plain = new Flow(FlowGraphs.chains().get("realnvp").get());
        double plainMean = plain.logLikelihood(x).meanNumber().doubleValue();
        assertEquals(BitsPerDim.of(plainMean, FlowGraphs.D), plain.bitsPerDim(x), 1e-9);
        Flow dequantizing = new Flow(FlowGraphs.chains().get("glow-dequantized").get());
        double mean = dequantizing.logLikelihood(x).meanNumber().doubleValue();
        assertEquals(BitsPerDim.discrete(mean, FlowGraphs.D, 255), dequantizing.bitsPerDim(x), 1e-9);
    }
}
