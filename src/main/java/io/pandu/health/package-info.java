/**
 * Whether the service can do its job (rules loaded, store reachable, the last reload's error), for
 * /health. Depends on rules and the store.
 */
package io.pandu.health;
