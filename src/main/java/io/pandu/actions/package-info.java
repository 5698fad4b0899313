/**
 * A rep's next-best-actions: the ranked, capped recommendations of their team's evaluation, and the
 * rep's feedback (done, dismissed, snoozed in the pipeline's calendar). Depends on the engine
 * (evaluate, guidance) and the store; its SQL is in its repository.
 */
package io.pandu.actions;
