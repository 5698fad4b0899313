/**
 * The plain, immutable records that go into the rules (deals, reps, activities, accounts,
 * territories, products) and the strict JSON reader of a fact set. Depends on nothing of Pandu but
 * errors.
 */
package io.pandu.facts;
