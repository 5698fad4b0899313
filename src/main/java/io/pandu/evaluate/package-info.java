/**
 * The engine: pooled sessions, the firing recorder (the why of each output), arbitration (ranking
 * and caps) and stateless evaluation. Knows no store, HTTP or CLI.
 */
package io.pandu.evaluate;
