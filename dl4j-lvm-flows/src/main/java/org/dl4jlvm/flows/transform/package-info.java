/**
 * Elementwise transforms of flow steps, {@code y_j = f(x_j; theta_j)}: {@link org.dl4jlvm.flows.transform.AffineTransform}
 * (soft-clamped log-scale), {@link org.dl4jlvm.flows.transform.AdditiveTransform} and
 * {@link org.dl4jlvm.flows.transform.RationalQuadraticSpline}. Each is a SameDiff definition of both directions and,
 * optionally, a {@link org.dl4jlvm.flows.transform.HostTransform} fast path that the tests hold to it. A new transform is
 * one class and one line in {@code TransformContractTest}.
 */
package org.dl4jlvm.flows.transform;
