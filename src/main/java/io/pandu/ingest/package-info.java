/**
 * CRM data in: the Maven CRM CSV reader with its quirks, and imports of CSVs or fact sets into the
 * store with a summary of what changed. Depends on facts, pipeline, auth and the store.
 */
package io.pandu.ingest;
