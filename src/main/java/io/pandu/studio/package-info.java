/**
 * The rules studio's service: packs and their rules, rule file text, validation of pasted text,
 * audited saves that never break the running rules, reloads, playbooks. Depends on rules, playbook,
 * auth and the store.
 */
package io.pandu.studio;
