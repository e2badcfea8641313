/**
 * The examples CLI: one jar, one subcommand per example.
 */
package org.dl4jlvm.examples;
