// The Editor tab: open a rule file (or start a new one), validate its text with each problem at its
// line, and save it, which reloads the rules; the server writes the file only when the whole rule set
// still builds.
import { api } from '../../lib/api.js';
import { h, toast } from '../../lib/dom.js';
import { shortVersion } from '../../lib/format.js';
import { sourceEditor } from './source-editor.js';
import { problemsPanel } from './diagnostics.js';
import { fileChooser } from './files.js';

const NEW_RULE = `package playbook

import io.pandu.context.DealContext;

global io.pandu.guidance.GuidanceCollector guidance;

rule "My new rule"
    @category("guided-selling")
    @priority(50)
when
    $d : DealContext( open, daysInStage > 30 )
then
    guidance.recommend("MY_NEW_RULE", $d, "Title the rep sees",
        "Reason with the numbers: " + $d.getDaysInStage() + " days in " + $d.getStageName());
end
`;

const DECISION_TABLE_NOTE = 'Decision tables are edited as CSV or spreadsheets in the rules directory; shown here read-only.';
const EXPLANATION = 'Validate checks the syntax, the safety policy and the play ids. Save and reload only writes the file when the whole rule set still builds, so a broken rule never replaces the rules in use.';

/**
 * @param options { select(tab), version() → the rule-set version in use, reloaded() after a save }
 * @returns { elements, openFile(path, line), loadFiles(), diagnostics(list) → a list whose buttons go to the lines }
 */
export function ruleEditor({ select, version, reloaded }) {
  const file = { path: null, kind: 'drl', saved: '' };
  const files = fileChooser({ onNew: () => showText(null, 'drl', '', NEW_RULE), onOpen: (path) => openFile(path) });
  const code = sourceEditor({ id: 'rule-text', label: 'Rule text', describedBy: 'diagnostics', onChange: () => setDirty() });
  const problems = problemsPanel({
    goTo: (d) => { select('editor'); if (d.line) code.goToLine(d.line, d.column); },
    currentFile: () => file.path || files.path(),
  });
  const validateButton = h('button', { type: 'button', id: 'validate-rule' }, 'Validate');
  const saveButton = h('button', { type: 'button', id: 'save-rule', class: 'secondary' }, 'Save and reload');
  const status = h('p', { class: 'muted small', id: 'editor-status', role: 'status' });

  function setDirty() {
    const dirty = code.value() !== file.saved;
    status.textContent = dirty ? 'Unsaved changes.' : (file.path ? `Showing ${file.path} as on disk.` : '');
  }

  /** Shows a text to edit (a file as on disk, or a new one); only rule files (drl) can be edited. */
  function showText(path, kind, saved, value, note = null) {
    Object.assign(file, { path, kind, saved });
    code.setValue(value, path || 'new.drl');
    code.setReadOnly(kind !== 'drl');
    saveButton.disabled = kind !== 'drl';
    validateButton.disabled = kind !== 'drl';
    problems.note(note);
    code.mark([]);
    setDirty();
  }

  // the answer covers the whole rule set: the gutter marks only the lines of the file being edited
  function showProblems(ok, list, okText, file) {
    code.mark(file ? list.filter((d) => d.file === file) : list);
    problems.show(ok, list, okText);
  }

  async function openFile(path, line) {
    select('editor');
    if (!path) return;
    files.choose(path);
    status.textContent = `Opening ${path}…`;
    try {
      const source = await api('/api/v1/rules/file', { query: { path } });
      showText(source.path, source.kind, source.text, source.text,
        source.kind !== 'drl' ? h('p', { class: 'muted' }, DECISION_TABLE_NOTE) : null);
      if (line) code.goToLine(line);
    } catch (e) {
      status.textContent = e.message;
    }
  }

  async function validate() {
    const name = files.path() || 'pasted.drl';
    const result = await api('/api/v1/rules/validate', { method: 'POST', body: { file: name, text: code.value() } });
    showProblems(result.ok, result.diagnostics, 'The rule builds.', name);
    return result.ok;
  }

  async function save() {
    const path = files.path();
    if (!path || !path.endsWith('.drl') || path.startsWith('/')) {
      problems.error(new Error('Give the file a path inside the rules directory ending in .drl, like playbook/my-rule.drl.'));
      files.focus();
      return;
    }
    saveButton.disabled = true;
    try {
      if (!(await validate())) {
        status.textContent = 'Not saved: fix the errors first. The rules in use are unchanged.';
        return;
      }
      const before = version();
      const text = code.value();
      const outcome = await api('/api/v1/rules/file', { method: 'PUT', query: { path }, body: { text } });
      Object.assign(file, { path, saved: text });
      await reloaded();
      files.choose(path);
      showProblems(true, outcome.diagnostics || [], outcome.version === before
        ? `Saved; the rule set is unchanged (version ${shortVersion(outcome.version)}).`
        : `Saved and reloaded: version ${shortVersion(before)} → ${shortVersion(outcome.version)}.`, path);
      setDirty();
      toast(`Saved ${path}; rule set ${shortVersion(outcome.version)} is in use.`);
    } catch (e) {
      if (e.diagnostics && e.diagnostics.length) {
        showProblems(false, e.diagnostics, undefined, path);
      } else {
        problems.error(e);
      }
    } finally {
      saveButton.disabled = file.kind !== 'drl';
    }
  }

  validateButton.addEventListener('click', async () => {
    validateButton.disabled = true;
    try {
      await validate();
    } catch (e) {
      problems.error(e);
    } finally {
      validateButton.disabled = false;
    }
  });
  saveButton.addEventListener('click', save);

  return {
    elements: [files.element,
      h('div', { class: 'editor-layout' },
        h('div', { class: 'editor-main' }, code.element,
          h('div', { class: 'editor-actions' }, validateButton, saveButton, code.indentToggle, status)),
        h('div', { class: 'editor-side' }, h('h2', { class: 'small-heading' }, 'Problems'), problems.element,
          h('p', { class: 'muted small' }, EXPLANATION)))],
    openFile,
    loadFiles: files.load,
    diagnostics: problems.list,
  };
}
