/**
 * The Prometheus registry: HTTP metrics from Vert.x, evaluation latency, rule firings and reloads.
 * Depends on evaluate and rules.
 */
package io.pandu.metrics;
