package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.HostRuntime;

/**
 * The CPU training runtime of a {@link Conditioner} (an optional capability: {@link Conditioner#host}): its forward
 * pass on nd4j-native float or double arrays, {@code h} ({@code [batch, P D]}) for the network input
 * {@code [x | context]}, keeping what the backward pass needs, and that backward pass written out. Same parameters as
 * the conditioner's SameDiff definition, which the flow tests compare it with.
 */
public interface HostConditioner extends HostRuntime {

    /**
     * Batches of at least this many examples are worth running as two halves at once ({@code BatchHalves}, the whole
     * coupling step around the conditioner split); {@link Long#MAX_VALUE}, the default, never.
     */
    default long halvesFrom() {
        return Long.MAX_VALUE;
    }
}
