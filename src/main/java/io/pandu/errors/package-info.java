/**
 * The one error model: domain exceptions that carry their HTTP status and the field at fault, and
 * diagnostics with file, line and column. Depends on nothing.
 */
package io.pandu.errors;
