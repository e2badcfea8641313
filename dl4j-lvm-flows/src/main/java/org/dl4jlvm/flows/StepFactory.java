package org.dl4jlvm.flows;

import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Makes the layers of each step of a chain for {@link FlowGraphBuilder}: the presets ({@link FlowGraphBuilder.Kind})
 * are step factories, and so can be a user's own, e.g.
 * <pre>
 * StepFactory splines = (i, s) -&gt; Map.of("spline-" + i, s.coupling(Masks.alternating(s.dimension(), i % 2))
 *         .transform(new RationalQuadraticSpline(16, 4.0)).build());
 * new FlowGraphBuilder(splines, 2).steps(8).build();
 * </pre>
 */
@FunctionalInterface
public interface StepFactory {

    /**
     * The layers of step {@code index} (0 first), data side first, by vertex name (unique in the chain, so usually
     * suffixed with the index); use a map that keeps its order when there are several.
     */
    Map<String, Layer> step(int index, StepSettings settings);

    /** Layers after the last step (NICE's final scaling); none by default. */
    default Map<String, Layer> end(StepSettings settings) {
        return Collections.emptyMap();
    }
}
