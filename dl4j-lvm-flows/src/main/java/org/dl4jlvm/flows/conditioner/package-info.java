/**
 * Conditioner networks of flow steps: {@link org.dl4jlvm.flows.conditioner.MaskedMlp}, an MLP over {@code [x | context]}
 * whose weight masks come from degrees (a coupling's two, or MADE's order), and its CPU fast path
 * {@link org.dl4jlvm.flows.conditioner.HostMlp}.
 */
package org.dl4jlvm.flows.conditioner;
