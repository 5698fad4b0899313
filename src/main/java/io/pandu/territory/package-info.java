/**
 * Territories for sales ops and directors: the stored territories with their load, and what the
 * territory rules found in the newest evaluation run (balance, owner suggestions, unassigned
 * accounts, owners outside their territory). Depends on the store, the runs' guidance snapshots and
 * the guidance records.
 */
package io.pandu.territory;
