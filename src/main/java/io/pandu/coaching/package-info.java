/**
 * Coaching alerts raised by runs for managers: reconciliation with each run, acknowledge and
 * resolve, the history of each alert. Depends on guidance and the store; its SQL is in its
 * repository.
 */
package io.pandu.coaching;
