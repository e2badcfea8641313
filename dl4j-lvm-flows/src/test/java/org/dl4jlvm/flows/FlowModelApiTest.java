package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import org.dl4jlvm.api.BitsPerDim;
import org.dl4jlvm.api.LatentVariableModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

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

    /**
     * {@code logLikelihood} runs the graph's inference pass (the steps' CPU runtimes); it must equal the log-likelihood
     * from {@code forward}, the chain of the steps' definitions: for every chain, every conditional chain (embeddings
     * included) and a two-level multi-scale flow with factored-out coordinates and a split prior.
     */
    @Test
    void logLikelihoodIsTheDefinitionsForEveryChain() {
        INDArray x = FlowGraphs.inputs(6, 5);
        for (Map.Entry<String, Supplier<ComputationGraph>> chain : FlowGraphs.chains().entrySet()) {
            assertSameLogLikelihood(chain.getKey(), new Flow(chain.getValue().get()), x, null);
        }
        for (Map.Entry<String, Supplier<ComputationGraph>> chain
                : FlowGraphs.conditionalChains(FlowGraphs.D, Activation.RELU).entrySet()) {
            Flow flow = new Flow(chain.getValue().get());
            assertSameLogLikelihood("conditional " + chain.getKey(), flow, x, FlowGraphs.inputs(6, 8, (int) flow.contextWidth()));
        }
        ImageShape shape = ImageShape.of(1, 4, 4);
        Flow multiScale = new Flow(FlowGraphs.randomized(new FlowGraphBuilder(new MultiScale(shape, 1, true), 16).steps(2)
                .hidden(3, 2).dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        assertSameLogLikelihood("multi-scale", multiScale, FlowGraphs.inputs(6, 5, 16), null);
    }

    private static void assertSameLogLikelihood(String name, Flow flow, INDArray x, INDArray context) {
        FlowOutput out = flow.forward(x, context);
        INDArray definition = FlowLikelihoodOutputLayer.negLogLikelihood(Nd4j.hstack(out.value(), out.logDet())).negi()
                .reshape(x.size(0));
        INDArray graph = flow.logLikelihood(x, context);
        assertTrue(graph.equalsWithEps(definition, 1e-9 * Math.max(1, definition.amaxNumber().doubleValue())),
                name + ": " + graph + " against " + definition);
    }
}
