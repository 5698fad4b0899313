/**
 * Users, roles, password hashing and the caller a request or command acts as. Depends on the store;
 * its SQL is in its repository.
 */
package io.pandu.auth;
