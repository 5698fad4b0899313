/**
 * The `pandu` command (picocli): each subcommand a thin shell over the services the composition
 * root builds; domain errors print as one line and an exit code. Nothing depends on it.
 */
package io.pandu.cli;
