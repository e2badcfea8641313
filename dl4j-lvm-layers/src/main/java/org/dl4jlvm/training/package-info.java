/**
 * Training plumbing: the iterator adapter that lets graph.fit(iterator) train graphs with this library's heads.
 */
package org.dl4jlvm.training;
