/**
 * Playbooks: stages with exit criteria, plays and their steps, and the parameters rules read;
 * loaded from YAML. Depends on facts and errors only.
 */
package io.pandu.playbook;
