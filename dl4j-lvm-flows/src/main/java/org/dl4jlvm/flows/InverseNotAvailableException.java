package org.dl4jlvm.flows;

/**
 * Thrown when a flow step has no inverse in closed form (a planar step): such a step evaluates densities of points it
 * maps forward, and serves as a VAE's posterior, but cannot sample through an inverse pass.
 */
public class InverseNotAvailableException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    public InverseNotAvailableException(String message) {
        super(message);
    }
}
