/**
 * Normalizing flows as DL4J layers. Direction: forward maps data to latent (density evaluation, training), inverse
 * maps latent to data (sampling); TensorFlow Probability uses the opposite convention.
 *
 * <ul>
 *   <li>Steps carry the running log-determinant as the last column of their activations, {@code [x | logDet]}, and a
 *       conditional flow's context between them, {@code [x | context | logDet]} ({@link org.dl4jlvm.flows.LogDetColumn},
 *       {@link org.dl4jlvm.flows.SameDiffFlowStep}); {@link org.dl4jlvm.flows.FlowLikelihoodOutputLayer} scores
 *       {@code -(log N(z; 0, I) + logDet)}.</li>
 *   <li>Composition: {@link org.dl4jlvm.flows.ConditionedStep} holds an elementwise transform
 *       ({@link org.dl4jlvm.flows.transform}) and a masked MLP conditioner ({@link org.dl4jlvm.flows.conditioner});
 *       {@link org.dl4jlvm.flows.CouplingStep} and {@link org.dl4jlvm.flows.AutoregressiveStep} differ only in the
 *       conditioner's degrees and how each direction runs.</li>
 *   <li>Other steps: {@link org.dl4jlvm.flows.ActNorm}, {@link org.dl4jlvm.flows.InvertibleLinear},
 *       {@link org.dl4jlvm.flows.Permutation}, {@link org.dl4jlvm.flows.PlanarStep}, and the pre-processing
 *       {@link org.dl4jlvm.flows.DequantizeLogit} and {@link org.dl4jlvm.flows.Standardization}.</li>
 *   <li>{@link org.dl4jlvm.flows.FlowGraphBuilder} assembles a graph from a {@link org.dl4jlvm.flows.StepFactory} (the
 *       presets RealNVP, NICE, Glow, NSF, NSF-AR, MAF, IAF, or the user's own); {@link org.dl4jlvm.flows.Flow} reads a
 *       trained graph as an invertible chain (log-likelihood, sampling, with or without context).</li>
 * </ul>
 */
package org.dl4jlvm.flows;
