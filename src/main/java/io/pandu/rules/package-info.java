/**
 * Rule files: loading (DRL and decision tables), the safety policy, compiling with file:line:col
 * diagnostics, versions and the registry that swaps a rule set atomically on reload. Knows no
 * store, HTTP or CLI.
 */
package io.pandu.rules;
