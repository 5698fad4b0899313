/**
 * What the rules match on: deals and reps enriched with their playbook stage, activity summary and
 * team figures. Depends on facts and playbook only.
 */
package io.pandu.context;
