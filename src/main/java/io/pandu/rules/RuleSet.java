package io.pandu.rules;

import io.pandu.playbook.PlaybookLibrary;

/**
 * What an evaluation runs against: compiled rules and the playbooks they refer to, under one
 * version (a hash of all their files), swapped as a unit on reload.
 */
public record RuleSet(String version, CompiledRules rules, PlaybookLibrary playbooks) {}
