/**
 * Rule sets as versions in the store: immutable published snapshots with author, note and parent,
 * the live-version pointer every node follows, drafts, publish, history, diff and rollback.
 */
package io.pandu.versions;
