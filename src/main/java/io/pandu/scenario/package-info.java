/**
 * Rule scenarios (YAML: given facts, expected guidance present or absent) and the runner behind
 * `pandu test`. Depends on the engine only.
 */
package io.pandu.scenario;
