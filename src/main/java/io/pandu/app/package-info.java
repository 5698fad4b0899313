/**
 * The composition root: the only place that builds the object graph from configuration (store,
 * repositories, rule registry, services, HTTP server) and the only place that reads the system
 * clock. Depends on everything; only the CLI depends on it.
 */
package io.pandu.app;
