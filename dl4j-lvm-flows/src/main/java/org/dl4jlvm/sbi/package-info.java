/**
 * Simulation-based inference: simulators with their priors ({@link org.dl4jlvm.sbi.Simulator},
 * {@link org.dl4jlvm.sbi.Prior}, {@link org.dl4jlvm.sbi.BoxUniformPrior}), reproducible batches of simulations
 * ({@link org.dl4jlvm.sbi.Simulations}), fixed summaries ({@link org.dl4jlvm.sbi.SummaryStatistics}), and the
 * tasks {@link org.dl4jlvm.sbi.TwoMoons} and {@link org.dl4jlvm.sbi.Ricker} with {@link org.dl4jlvm.sbi.WoodStatistics}.
 * Neural posterior estimation with conditional flows builds on these.
 */
package org.dl4jlvm.sbi;
