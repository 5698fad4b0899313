/**
 * Decision records and the holdout: every guidance item Pandu computed for a deal or rep, whether
 * it was shown or held out (a stable share of (deal, code) pairs computed but not shown, so rule
 * effectiveness can compare outcomes). Depends on the engine's results (guidance, facts) and the
 * store; its SQL is in its repository.
 */
package io.pandu.decisions;
