/**
 * Evaluation runs over the whole stored pipeline: the scheduler (when), the run (load, evaluate,
 * reconcile alerts), its repository, and the newest run's guidance for the screens that show rule
 * outputs over the whole pipeline ({@link io.pandu.runs.LatestGuidance}). Depends on evaluate,
 * coaching and the store.
 */
package io.pandu.runs;
