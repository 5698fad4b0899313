/**
 * Reading and writing the stored pipeline record by record, with the checks a record must pass
 * (known stages, owners, accounts). Depends on facts, playbook and the store.
 */
package io.pandu.pipeline;
