package org.dl4jlvm.flows.embedding;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A network from a conditional flow's raw context (a simulator's data, say) to the vector E its steps' conditioners
 * read, trained jointly with the flow by the flow's likelihood: the summary (embedding) network of neural posterior
 * estimation (Greenberg, Nonnenmacher and Macke 2019, arXiv:1905.07488; Radev et al. 2020, arXiv:2003.06281). Its
 * layers are DL4J's own and live in the flow's graph between the context input and the merge with x, so the graph
 * trains, saves and loads them as any others; {@link org.dl4jlvm.flows.Flow} finds them there.
 */
public interface ContextEmbedding {

    /** The width E of the embedding, the context width the steps see. */
    int width();

    /** The input type of a raw context of width C: {@code feedForward(C)}, or a layout the layers expect. */
    InputType inputType(int contextWidth);

    /**
     * The layers from the context input to the embedding, in order, by vertex name (unique in the graph); the last
     * one outputs {@link #width()} values per example.
     */
    Map<String, Layer> layers(int contextWidth);
}
