/**
 * Models over trained graphs (Vae) and the builders that assemble their configurations.
 */
package org.dl4jlvm.models;
