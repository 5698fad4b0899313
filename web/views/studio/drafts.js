// The Drafts tab: prepare a change of the rule set without touching what serves. A draft starts from
// the live version; its files (rules, decision tables as CSV, playbook YAML) are edited here, checked
// all at once (every problem at its line and column), its scenarios run, and it is published with a
// note, which makes it the live version.
import { api, apiBytes, apiText } from '../../lib/api.js';
import { h, mount, toast, errorBox, empty } from '../../lib/dom.js';
import { formatDateTime, plural, shortVersion } from '../../lib/format.js';
import { diagnosticsList } from './diagnostics.js';
import { decisionTableGrid } from './grid.js';
import { showPreview } from './preview.js';
import { sourceEditor } from './source-editor.js';

const EXPLANATION = 'A draft changes nothing that serves until it is published. Publish needs a note, no error and every scenario passing.';

/** Encodes a project path for the drafts API: each slash as %2F, so it is one path segment. */
function filePath(id, path) {
  return `/api/v1/rules/drafts/${encodeURIComponent(id)}/files/${encodeURIComponent(path)}`;
}

/** A decision table written as CSV: edited as a grid (or, when asked, as text). */
const isDecisionTable = (path) => /\.csv$/i.test(path || '');
/** A spreadsheet decision table: uploaded whole, not edited here. */
const isSpreadsheet = (path) => /\.xlsx?$/i.test(path || '');

/** @param options { published() after a publish (the studio reloads what serves) } */
export function draftsPanel({ published }) {
  const state = { draft: null, path: null, saved: '', grid: false };
  const list = h('div', { id: 'drafts-list' });
  const message = h('div', { id: 'drafts-message', 'aria-live': 'polite' });
  const newButton = h('button', { type: 'button', id: 'new-draft' }, 'New draft from the live version');
  const fileSelect = h('select', { id: 'draft-file', 'aria-label': 'Draft file' });
  const code = sourceEditor({ id: 'draft-text', label: 'Draft file text', describedBy: 'draft-problems', onChange: () => setStatus() });
  const grid = decisionTableGrid({ onChange: () => setStatus() });
  const gridToggle = h('button', { type: 'button', class: 'secondary small', id: 'toggle-grid', hidden: true });
  const status = h('p', { class: 'muted small', id: 'draft-status', role: 'status' });
  const problems = h('div', { id: 'draft-problems', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'button', id: 'save-draft-file' }, 'Save to draft');
  const validateButton = h('button', { type: 'button', id: 'validate-draft', class: 'secondary' }, 'Validate');
  const testButton = h('button', { type: 'button', id: 'test-draft', class: 'secondary' }, 'Run scenarios');
  const previewButton = h('button', { type: 'button', id: 'preview-draft', class: 'secondary' }, 'Preview impact');
  const preview = h('div', { id: 'draft-preview', 'aria-live': 'polite' });
  const note = h('input', { type: 'text', id: 'publish-note', placeholder: 'What changes and why', 'aria-label': 'Publish note', maxlength: '2000' });
  const publishButton = h('button', { type: 'button', id: 'publish-draft' }, 'Publish');
  const sheetFile = h('input', { type: 'file', id: 'sheet-file', accept: '.xlsx,.xls', 'aria-label': 'Spreadsheet decision table' });
  const sheetPath = h('input', { type: 'text', id: 'sheet-path', placeholder: 'rules/pack/table.drl.xlsx', 'aria-label': 'Path of the spreadsheet in the draft' });
  const sheetButton = h('button', { type: 'button', id: 'upload-sheet', class: 'secondary' }, 'Upload spreadsheet');
  const title = h('h2', { class: 'small-heading', id: 'draft-title' });
  const workspace = h('div', { id: 'draft-workspace', hidden: true },
    title,
    h('div', { class: 'editor-actions' }, h('label', {}, 'File ', fileSelect), gridToggle),
    code.element, grid.element,
    h('div', { class: 'editor-actions' }, saveButton, validateButton, testButton, previewButton, status),
    h('div', { class: 'editor-actions' }, note, publishButton),
    h('div', { class: 'editor-actions' }, h('span', { class: 'muted small' }, 'Spreadsheet (XLSX) decision tables are uploaded whole:'),
      sheetFile, sheetPath, sheetButton),
    h('h2', { class: 'small-heading' }, 'Problems'), problems,
    h('h2', { class: 'small-heading' }, 'Impact preview'), preview);

  /** The text of the file as edited: the grid's cells as CSV, or the editor's text. */
  const current = () => (state.grid ? grid.value() : code.value());
  const dirty = () => state.path !== null && current() !== state.saved;
  function setStatus() {
    status.textContent = dirty() ? 'Unsaved changes.' : (state.path ? `${state.path} as in the draft.` : '');
  }
  /** Asks before throwing edits away (another file, another draft, leaving the page). */
  function mayLeave() {
    return !dirty() || window.confirm('The file has unsaved changes. Discard them?');
  }
  window.addEventListener('beforeunload', (event) => {
    if (dirty()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  async function loadList() {
    const drafts = await api('/api/v1/rules/drafts');
    if (!drafts.length) {
      mount(list, empty('No drafts', 'Start one from the live version to change rules, decision tables or playbooks.'));
      return;
    }
    mount(list, h('table', { class: 'drafts-table' },
      h('thead', {}, h('tr', {}, ['Draft', 'Base version', 'Author', 'Created', 'Changed files', ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, drafts.map((d) => h('tr', { dataset: { draft: d.id } },
        h('td', {}, d.id), h('td', {}, shortVersion(d.baseVersion)), h('td', {}, d.author),
        h('td', {}, formatDateTime(d.createdAt)), h('td', { class: 'changed' }, d.changedFiles.join(', ') || '—'),
        h('td', {},
          h('button', { type: 'button', class: 'link open-draft', on: { click: () => openDraft(d.id) } }, 'Open'), ' ',
          h('button', { type: 'button', class: 'link delete-draft', on: { click: () => deleteDraft(d.id) } }, 'Delete')))))));
  }

  async function openDraft(id, path) {
    if (!mayLeave()) return;
    mount(message);
    const draft = await api(`/api/v1/rules/drafts/${encodeURIComponent(id)}`);
    state.draft = draft;
    workspace.hidden = false;
    title.textContent = `Draft ${draft.id} (from ${shortVersion(draft.baseVersion)})`;
    const editable = draft.files.filter((f) => !isSpreadsheet(f));
    fileSelect.replaceChildren(...editable.map((f) => h('option', { value: f }, f)));
    mount(problems);
    mount(preview);
    await openFile(path || editable.find((f) => f.endsWith('.drl')) || editable[0]);
  }

  async function openFile(path) {
    state.path = null;
    fileSelect.value = path;
    const content = await apiText(filePath(state.draft.id, path));
    Object.assign(state, { path, saved: content });
    gridToggle.hidden = !isDecisionTable(path);
    show(content, isDecisionTable(path));
  }

  /** Shows a text in the grid (a decision table) or in the code editor. */
  function show(content, asGrid) {
    state.grid = asGrid;
    if (asGrid) {
      grid.setValue(content);
    } else {
      code.setValue(content, state.path);
    }
    grid.element.hidden = !asGrid;
    code.element.hidden = asGrid;
    gridToggle.textContent = asGrid ? 'Edit as text' : 'Edit as grid';
    setStatus();
  }

  async function deleteDraft(id) {
    if (!window.confirm(`Delete draft ${id}? Its changes are lost.`)) return;
    await api(`/api/v1/rules/drafts/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (state.draft && state.draft.id === id) {
      Object.assign(state, { draft: null, path: null, saved: '' });
      workspace.hidden = true;
    }
    await loadList();
  }

  async function saveFile() {
    const content = current();
    await apiText(filePath(state.draft.id, state.path), { method: 'PUT', text: content });
    state.saved = content;
    setStatus();
    await loadList();
  }

  function showDiagnostics(ok, diagnostics, okText) {
    const mine = diagnostics.filter((d) => d.file === state.path);
    (state.grid ? grid : code).mark(mine);
    const errors = diagnostics.filter((d) => d.level === 'error').length;
    mount(problems,
      h('p', { class: ok ? 'result ok' : 'result bad', id: 'draft-result' },
        ok ? `✓ ${okText}` : `✗ ${errors} ${plural(errors, 'error')}: the draft does not build.`),
      diagnostics.length ? diagnosticsList(diagnostics, {
        goTo: async (d) => {
          if (d.file && d.file !== state.path && state.draft.files.includes(d.file) && !isSpreadsheet(d.file)) {
            if (!mayLeave()) return;
            await openFile(d.file);
            (state.grid ? grid : code).mark(diagnostics.filter((x) => x.file === d.file));
          }
          if (d.line && state.grid) grid.goTo(d.line, d.column);
          else if (d.line) code.goToLine(d.line, d.column);
        },
        currentFile: state.path,
      }) : null);
  }

  async function validate() {
    const result = await api(`/api/v1/rules/drafts/${encodeURIComponent(state.draft.id)}/validate`, { method: 'POST' });
    showDiagnostics(result.ok, result.diagnostics, `The draft builds (it would be version ${shortVersion(result.version)}).`);
  }

  async function test() {
    const result = await api(`/api/v1/rules/drafts/${encodeURIComponent(state.draft.id)}/test`, { method: 'POST' });
    if (result.diagnostics.some((d) => d.level === 'error')) {
      showDiagnostics(false, result.diagnostics);
      return;
    }
    mount(problems,
      h('p', { class: result.ok ? 'result ok' : 'result bad', id: 'draft-result' },
        result.ok ? `✓ ${result.passed} ${plural(result.passed, 'scenario')} pass.`
          : `✗ ${result.failed} of ${result.passed + result.failed} scenarios fail.`),
      h('ul', { class: 'diagnostics' }, result.failingScenarios.map((s) => h('li', { class: 'error' },
        h('strong', {}, s.name), ` (${s.file}): `, s.failures.join('; ')))));
  }

  async function publish() {
    if (dirty()) {
      mount(problems, errorBox(new Error('Save the file to the draft first: publish takes what the draft holds.')));
      return;
    }
    try {
      const result = await api(`/api/v1/rules/drafts/${encodeURIComponent(state.draft.id)}/publish`, { method: 'POST', body: { note: note.value } });
      toast(`Published: version ${shortVersion(result.version)} is live.`);
      mount(problems);
      mount(message, h('p', { class: 'result ok', id: 'publish-result' },
        `✓ Version ${shortVersion(result.version)} is live (${result.message}).`));
      Object.assign(state, { draft: null, path: null, saved: '' });
      workspace.hidden = true;
      note.value = '';
      await loadList();
      await published();
    } catch (e) {
      const refusal = e.problem && e.problem.current;
      if (refusal && refusal.diagnostics && refusal.diagnostics.some((d) => d.level === 'error')) {
        showDiagnostics(false, refusal.diagnostics);
      } else {
        mount(problems, errorBox(e));
      }
    }
  }

  /** Runs an action with its button disabled, showing a failure in the problems box. */
  function action(button, work) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await work();
      } catch (e) {
        mount(problems, errorBox(e));
      } finally {
        button.disabled = false;
      }
    });
  }

  newButton.addEventListener('click', async () => {
    try {
      const created = await api('/api/v1/rules/drafts', { method: 'POST' });
      await loadList();
      await openDraft(created.id);
    } catch (e) {
      mount(list, errorBox(e));
    }
  });
  fileSelect.addEventListener('change', async () => {
    const next = fileSelect.value;
    if (!mayLeave()) {
      fileSelect.value = state.path;
      return;
    }
    state.saved = current(); // discarded on purpose
    await openFile(next);
  });
  gridToggle.addEventListener('click', () => show(current(), !state.grid)); // the edits go along
  action(saveButton, saveFile);
  action(validateButton, validate);
  action(testButton, test);
  action(previewButton, async () => {
    if (dirty()) {
      mount(preview, errorBox(new Error('Save the file to the draft first: the preview takes what the draft holds.')));
      return;
    }
    await showPreview(preview, state.draft.id);
  });
  action(publishButton, publish);
  sheetFile.addEventListener('change', () => {
    const file = sheetFile.files[0];
    if (file && !sheetPath.value.trim()) {
      sheetPath.value = state.draft.files.find((f) => f.endsWith(`/${file.name}`)) || `rules/${file.name}`;
    }
  });
  action(sheetButton, async () => {
    const file = sheetFile.files[0];
    const path = sheetPath.value.trim();
    if (!file || !isSpreadsheet(path)) {
      mount(problems, errorBox(new Error('Choose a spreadsheet and give its path in the draft, ending in .xlsx.')));
      return;
    }
    await apiBytes(filePath(state.draft.id, path), file);
    state.draft = await api(`/api/v1/rules/drafts/${encodeURIComponent(state.draft.id)}`);
    mount(problems, h('p', { class: 'result ok', id: 'draft-result' }, `✓ Uploaded ${path} to the draft; validate to check it.`));
    sheetFile.value = '';
    sheetPath.value = '';
    await loadList();
  });

  return {
    elements: [h('p', { class: 'muted small' }, EXPLANATION), h('div', { class: 'editor-actions' }, newButton), message, list, workspace],
    load: loadList,
  };
}
