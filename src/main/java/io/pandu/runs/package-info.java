/**
 * Evaluation runs over the whole stored pipeline: the scheduler (when), the run (load, evaluate,
 * reconcile alerts) and its repository. Depends on evaluate, coaching and the store.
 */
package io.pandu.runs;
