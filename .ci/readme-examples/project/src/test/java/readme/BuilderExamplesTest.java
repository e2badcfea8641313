package readme;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.FlowPosterior;
import org.dl4jlvm.flows.ImageShape;
import org.dl4jlvm.flows.MultiScale;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.models.ConvolutionalDecoder;
import org.dl4jlvm.models.ConvolutionalEncoder;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The README's one-line builder examples (VaeGraphBuilder, FlowGraphBuilder): build, train, save, load, train on. */
class BuilderExamplesTest {
    @Test
    void buildTrainSaveLoadAndTrainOn() throws Exception {
        List<ComputationGraphConfiguration> examples = List.of(
                // README: inline-builders
        );
        INDArray images = Data.images(128, 1);
        for (ComputationGraphConfiguration configuration : examples) {
            ComputationGraph graph = new ComputationGraph(configuration);
            graph.init();
            String name = graph.getConfiguration().getNetworkInputs() + " -> " + graph.getConfiguration().getNetworkOutputs();
            SaveLoad.check(name, graph, images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()), Data.iterator(images, 32));
        }
    }
}
