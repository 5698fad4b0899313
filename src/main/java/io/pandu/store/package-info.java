/**
 * The database: connections, Flyway migrations (one folder per database), transactions and the
 * generic record tables, audit log and paging helpers. Depends on facts and errors only.
 */
package io.pandu.store;
