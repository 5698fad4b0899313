/**
 * Rule effectiveness: per rule and code, and per playbook, how often guidance was shown, done,
 * dismissed (and why) or snoozed, and the outcome of deals where it was shown against the held-out
 * ones, with confidence intervals. Depends on decisions, actions (feedback), playbook and the
 * store.
 */
package io.pandu.effect;
