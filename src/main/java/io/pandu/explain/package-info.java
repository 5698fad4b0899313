/**
 * Explanations for people: why an action did or did not appear for a deal, from the rules' own
 * conditions (probed by the engine) and from the decisions of the rep's list (feedback, caps,
 * budget). Depends on the engine, the store and actions; knows no HTTP or CLI.
 */
package io.pandu.explain;
