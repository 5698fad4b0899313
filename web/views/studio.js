// Sales ops — Rules studio: the rule packs and their rules, an editor that validates rule text and
// shows each error at its line, saving (which reloads), the playbooks, and how often each rule fired.
import { api, forgetPlaybooks, playbooks } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader, badge, toast } from '../lib/dom.js';
import { formatDateTime, formatPlace, plural, shortVersion } from '../lib/format.js';
import { criterionLabel } from './stages.js';

const TABS = [
  { id: 'rules', label: 'Rules' },
  { id: 'editor', label: 'Editor' },
  { id: 'playbooks', label: 'Playbooks' },
  { id: 'firings', label: 'Firings' },
];

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

export async function render(root, { query }) {
  const state = { tab: TABS.some((t) => t.id === query.tab) ? query.tab : 'rules', catalogue: null, firings: [] };
  const versionEl = h('code', { id: 'rules-version', class: 'version' }, '…');
  const loadedEl = h('span', { class: 'muted' });
  const reloadButton = h('button', { type: 'button', class: 'secondary', id: 'reload-rules' }, 'Reload from disk');
  const runButton = h('button', { type: 'button', class: 'secondary', id: 'run-evaluation' }, 'Run evaluation now');
  const banner = h('div', { id: 'studio-banner' });
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Rules studio' });
  const panels = {};
  TABS.forEach((t) => {
    panels[t.id] = h('section', { class: 'tab-panel', role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}`, tabindex: '0', hidden: true });
  });

  mount(root,
    pageHeader('Rules studio', h('span', {}, 'Rule set ', versionEl, ' ', loadedEl), reloadButton, runButton),
    banner, tablist, Object.values(panels));

  // --- tabs (arrow keys move between them, as in the WAI-ARIA tabs pattern)
  const tabButtons = TABS.map((t) => h('button', {
    type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, dataset: { tab: t.id },
    on: { click: () => select(t.id) },
  }, t.label));
  tablist.append(...tabButtons);
  tablist.addEventListener('keydown', (event) => {
    const i = tabButtons.indexOf(document.activeElement);
    if (i < 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? tabButtons.length - 1
      : (i + (event.key === 'ArrowRight' ? 1 : -1) + tabButtons.length) % tabButtons.length;
    tabButtons[next].focus();
    select(TABS[next].id);
  });

  function select(id) {
    state.tab = id;
    tabButtons.forEach((b) => {
      const on = b.dataset.tab === id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    Object.entries(panels).forEach(([key, panel]) => { panel.hidden = key !== id; });
    history.replaceState(null, '', `#/studio?tab=${id}`);
  }

  // --- header: the version in use, reload, run
  async function loadCatalogue() {
    const catalogue = await api('/api/v1/rules');
    state.catalogue = catalogue;
    versionEl.textContent = shortVersion(catalogue.version);
    versionEl.title = catalogue.version;
    loadedEl.textContent = `· ${catalogue.ruleCount} rules · loaded ${formatDateTime(catalogue.loadedAt)}`;
    mount(banner, catalogue.lastReloadError && catalogue.lastReloadError.length
      ? h('div', { class: 'banner warn', role: 'status' },
        h('p', {}, h('strong', {}, 'The last reload failed; the previous rules keep serving.')),
        diagnosticsList(catalogue.lastReloadError))
      : null);
    return catalogue;
  }

  reloadButton.addEventListener('click', async () => {
    reloadButton.disabled = true;
    try {
      const before = state.catalogue ? state.catalogue.version : null;
      const outcome = await api('/api/v1/rules/reload', { method: 'POST' });
      forgetPlaybooks();
      await refreshAll();
      if (!outcome.ok) {
        toast(`Reload refused: ${outcome.diagnostics.length} problem(s). Version ${shortVersion(outcome.version)} keeps serving.`, 'error');
      } else {
        toast(outcome.version === before ? `Reloaded: no changes (version ${shortVersion(outcome.version)}).`
          : `Reloaded: now version ${shortVersion(outcome.version)}.`);
      }
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      reloadButton.disabled = false;
    }
  });

  runButton.addEventListener('click', async () => {
    runButton.disabled = true;
    runButton.textContent = 'Running…';
    try {
      let run = await api('/api/v1/runs', { method: 'POST' });
      while (run.status === 'running') {
        await new Promise((resolve) => { setTimeout(resolve, 700); });
        run = await api(`/api/v1/runs/${run.id}`);
      }
      if (run.status === 'succeeded') {
        toast(`Run ${run.id} done: ${run.deals} deals, ${run.recommendations} recommendations, ${run.alertsRaised} new alerts.`);
      } else {
        toast(`Run ${run.id} failed: ${run.error || 'see the server log'}`, 'error');
      }
      await loadFirings();
      renderRules();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      runButton.disabled = false;
      runButton.textContent = 'Run evaluation now';
    }
  });

  // --- Rules tab
  function firingsOf(rule) {
    const hit = state.firings.find((f) => f.rule === rule.name || f.rule.endsWith(`.${rule.name}`));
    return hit ? hit.firings : 0;
  }

  function renderRules() {
    const panel = panels.rules;
    const { catalogue } = state;
    if (!catalogue.packs.length) {
      mount(panel, empty('No rule files yet.', 'Write one in the Editor tab, or add .drl files to the rules directory.'));
      return;
    }
    const byPlace = (a, b) => (a.file || '').localeCompare(b.file || '') || (a.line || 0) - (b.line || 0) || a.name.localeCompare(b.name);
    mount(panel, catalogue.packs.map((pack) => ({ ...pack, rules: [...pack.rules].sort(byPlace) })).map((pack) => h('section', { class: 'pack', dataset: { pack: pack.name } },
      h('h2', {}, pack.name, ' ', badge(`${pack.rules.length} ${plural(pack.rules.length, 'rule')}`, 'count'), ' ',
        badge(`${pack.rules.filter((r) => firingsOf(r) > 0).length} fired in the last run`, 'count')),
      h('p', { class: 'muted small' }, 'Files: ', pack.files.map((f, i) => [i ? ', ' : '',
        h('a', { href: '#', class: 'file-link', on: { click: (e) => { e.preventDefault(); openFile(f); } } }, f)])),
      pack.rules.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'rules-table' },
        h('thead', {}, h('tr', {}, ['Rule', 'Category', 'Priority', 'Play', 'Where', 'Fired in last run'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, pack.rules.map((rule) => h('tr', { dataset: { rule: rule.name } },
          h('td', {},
            h('a', { href: '#', on: { click: (e) => { e.preventDefault(); openFile(rule.file, rule.line); } } }, rule.name),
            rule.explanation ? h('p', { class: 'muted small' }, rule.explanation) : null),
          h('td', {}, rule.category || '—'),
          h('td', { class: 'num' }, String(rule.priority)),
          h('td', {}, rule.playId ? h('code', {}, rule.playId) : '—'),
          h('td', {}, h('code', {}, formatPlace(rule.file, rule.line))),
          h('td', { class: 'num firings' }, String(firingsOf(rule)))))))) : empty('No rules in this pack.'))));
  }

  // --- Editor tab
  const fileSelect = h('select', { id: 'rule-file' });
  const newPath = h('input', { id: 'new-rule-path', placeholder: 'pack/my-rule.drl', hidden: true, 'aria-label': 'Path of the new rule file' });
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const text = h('textarea', {
    id: 'rule-text', class: 'code', spellcheck: 'false', wrap: 'off', autocapitalize: 'off', 'aria-label': 'Rule text', 'aria-describedby': 'diagnostics',
    placeholder: 'Choose a rule file above to read or edit it, or “New rule file…” to write or paste a rule.',
  });
  const validateButton = h('button', { type: 'button', id: 'validate-rule' }, 'Validate');
  const saveButton = h('button', { type: 'button', id: 'save-rule', class: 'secondary' }, 'Save and reload');
  const editorStatus = h('p', { class: 'muted small', id: 'editor-status', role: 'status' });
  const diagnostics = h('div', { id: 'diagnostics', 'aria-live': 'polite' });
  const editor = { path: null, kind: 'drl', saved: '', diagnostics: [] };

  function renderGutter() {
    const lines = text.value.split('\n').length;
    const errorLines = new Map();
    editor.diagnostics.forEach((d) => {
      if (d.line > 0 && (!errorLines.has(d.line) || d.level === 'error')) errorLines.set(d.line, d.level);
    });
    gutter.replaceChildren(...Array.from({ length: lines }, (_, i) => h('div', {
      class: errorLines.has(i + 1) ? `ln ${errorLines.get(i + 1)}` : 'ln', dataset: { line: String(i + 1) },
    }, String(i + 1))));
    gutter.scrollTop = text.scrollTop;
  }

  function goToLine(line, column = 1) {
    const lines = text.value.split('\n');
    const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
    const end = start + (lines[line - 1] || '').length;
    text.focus();
    text.setSelectionRange(start + Math.max(0, Math.min(column - 1, end - start)), end);
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
    text.scrollTop = Math.max(0, (line - 4) * lineHeight);
    gutter.scrollTop = text.scrollTop;
  }

  function diagnosticsList(list) {
    return h('ul', { class: 'diagnostics' }, list.map((d) => h('li', { class: d.level, dataset: { line: String(d.line || 0) } },
      h('button', {
        type: 'button', class: 'link', on: { click: () => { select('editor'); if (d.line) goToLine(d.line, d.column); } },
      }, d.line ? `Line ${d.line}${d.column ? `, column ${d.column}` : ''}` : (d.file || 'File')),
      ' ', badge(d.level, d.level), ' ', h('span', { class: 'message' }, d.message),
      d.file && d.file !== (editor.path || currentPath()) ? h('span', { class: 'muted small' }, ` (${d.file})`) : null)));
  }

  function showDiagnostics(ok, list, okText) {
    editor.diagnostics = list;
    renderGutter();
    const errors = list.filter((d) => d.level === 'error').length;
    const warnings = list.length - errors;
    mount(diagnostics,
      h('p', { class: ok ? 'result ok' : 'result bad', id: 'validation-result' },
        ok ? `✓ ${okText}${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}`
          : `✗ ${errors} error${errors === 1 ? '' : 's'}: the rule does not build.`),
      list.length ? diagnosticsList(list) : null);
  }

  function currentPath() {
    return fileSelect.value === '__new__' ? newPath.value.trim() : fileSelect.value;
  }

  function setDirty() {
    const dirty = text.value !== editor.saved;
    editorStatus.textContent = dirty ? 'Unsaved changes.' : (editor.path ? `Showing ${editor.path} as on disk.` : '');
  }

  async function openFile(path, line) {
    select('editor');
    if (!path) return;
    if (![...fileSelect.options].some((o) => o.value === path)) {
      fileSelect.append(h('option', { value: path }, path));
    }
    fileSelect.value = path;
    newPath.hidden = true;
    editorStatus.textContent = `Opening ${path}…`;
    try {
      const source = await api('/api/v1/rules/file', { query: { path } });
      editor.path = source.path;
      editor.kind = source.kind;
      editor.saved = source.text;
      text.value = source.text;
      text.readOnly = source.kind !== 'drl';
      saveButton.disabled = source.kind !== 'drl';
      validateButton.disabled = source.kind !== 'drl';
      mount(diagnostics, source.kind !== 'drl'
        ? h('p', { class: 'muted' }, 'Decision tables are edited as CSV or spreadsheets in the rules directory; shown here read-only.') : null);
      editor.diagnostics = [];
      renderGutter();
      setDirty();
      if (line) goToLine(line);
    } catch (e) {
      editorStatus.textContent = e.message;
    }
  }

  fileSelect.addEventListener('change', () => {
    if (fileSelect.value === '__new__') {
      newPath.hidden = false;
      editor.path = null;
      editor.kind = 'drl';
      editor.saved = '';
      text.readOnly = false;
      saveButton.disabled = false;
      validateButton.disabled = false;
      text.value = NEW_RULE;
      editor.diagnostics = [];
      mount(diagnostics);
      renderGutter();
      setDirty();
      newPath.focus();
    } else {
      openFile(fileSelect.value);
    }
  });
  text.addEventListener('input', () => { renderGutter(); setDirty(); });
  text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey && event.target.dataset.indent === 'on') {
      event.preventDefault();
      text.setRangeText('    ', text.selectionStart, text.selectionEnd, 'end');
      renderGutter();
    }
  });

  async function validate() {
    const result = await api('/api/v1/rules/validate', { method: 'POST', body: { file: currentPath() || 'pasted.drl', text: text.value } });
    showDiagnostics(result.ok, result.diagnostics, 'The rule builds.');
    return result.ok;
  }

  validateButton.addEventListener('click', async () => {
    validateButton.disabled = true;
    try {
      await validate();
    } catch (e) {
      mount(diagnostics, errorBox(e));
    } finally {
      validateButton.disabled = false;
    }
  });

  saveButton.addEventListener('click', async () => {
    const path = currentPath();
    if (!path || !path.endsWith('.drl') || path.startsWith('/')) {
      mount(diagnostics, errorBox(new Error('Give the file a path inside the rules directory ending in .drl, like playbook/my-rule.drl.')));
      (fileSelect.value === '__new__' ? newPath : fileSelect).focus();
      return;
    }
    saveButton.disabled = true;
    try {
      if (!(await validate())) {
        editorStatus.textContent = 'Not saved: fix the errors first. The rules in use are unchanged.';
        return;
      }
      const before = state.catalogue.version;
      const outcome = await api('/api/v1/rules/file', { method: 'PUT', query: { path }, body: { text: text.value } });
      editor.path = path;
      editor.saved = text.value;
      forgetPlaybooks();
      await refreshAll();
      fileSelect.value = path;
      newPath.hidden = true;
      showDiagnostics(true, outcome.diagnostics || [], outcome.version === before
        ? `Saved; the rule set is unchanged (version ${shortVersion(outcome.version)}).`
        : `Saved and reloaded: version ${shortVersion(before)} → ${shortVersion(outcome.version)}.`);
      setDirty();
      toast(`Saved ${path}; rule set ${shortVersion(outcome.version)} is in use.`);
    } catch (e) {
      if (e.diagnostics && e.diagnostics.length) {
        showDiagnostics(false, e.diagnostics);
      } else {
        mount(diagnostics, errorBox(e));
      }
    } finally {
      saveButton.disabled = editor.kind !== 'drl';
    }
  });

  mount(panels.editor,
    h('div', { class: 'editor-bar' },
      h('label', { for: 'rule-file' }, 'File'), fileSelect, newPath),
    h('div', { class: 'editor-layout' },
      h('div', { class: 'editor-main' },
        h('div', { class: 'editor' }, gutter, text),
        h('div', { class: 'editor-actions' }, validateButton, saveButton,
          h('label', { class: 'small muted check' },
            h('input', { type: 'checkbox', on: { change: (e) => { text.dataset.indent = e.target.checked ? 'on' : 'off'; } } }),
            ' Tab key indents (otherwise it moves focus)'),
          editorStatus)),
      h('div', { class: 'editor-side' }, h('h2', { class: 'small-heading' }, 'Problems'), diagnostics,
        h('p', { class: 'muted small' }, 'Validate checks the syntax, the safety policy and the play ids. Save and reload only writes the file when the whole rule set still builds, so a broken rule never replaces the rules in use.'))));

  renderGutter();

  async function loadFiles() {
    const files = await api('/api/v1/rules/files');
    const current = fileSelect.value;
    fileSelect.replaceChildren(
      h('option', { value: '' }, 'Choose a rule file…'),
      h('option', { value: '__new__' }, 'New rule file…'),
      h('optgroup', { label: 'Rule files' }, files.filter((f) => f.kind === 'drl').map((f) => h('option', { value: f.path }, f.path))),
      h('optgroup', { label: 'Decision tables (read-only)' }, files.filter((f) => f.kind === 'decision-table').map((f) => h('option', { value: f.path }, f.path))));
    if (current) fileSelect.value = current;
  }

  // --- Playbooks tab
  async function renderPlaybooks() {
    const books = await playbooks();
    if (!books.length) {
      mount(panels.playbooks, empty('No playbooks loaded.', 'Add a YAML playbook to the playbooks directory and reload.'));
      return;
    }
    mount(panels.playbooks, books.map((book) => {
      const plays = new Map(book.plays.map((p) => [p.id, p]));
      return h('section', { class: 'playbook', dataset: { playbook: book.id } },
        h('h2', {}, book.name, book.isDefault ? [' ', badge('default', 'current')] : null),
        book.description ? h('p', { class: 'muted' }, book.description) : null,
        h('p', { class: 'small muted' }, 'File: ', h('code', {}, book.sourceFile || '—')),
        Object.keys(book.parameters).length ? h('div', { class: 'params' }, h('h3', {}, 'Parameters the rules read'),
          h('dl', { class: 'inline-dl' }, Object.entries(book.parameters).map(([k, v]) => [h('dt', {}, h('code', {}, k)), h('dd', {}, String(v))]))) : null,
        h('h3', {}, 'Stages'),
        h('ol', { class: 'stage-path' }, book.stages.map((s) => h('li', { class: `stage ${s.outcome === 'open' ? 'upcoming' : `outcome ${s.outcome}`}` },
          h('div', { class: 'stage-name' }, s.name, s.outcome !== 'open' ? badge(s.outcome, s.outcome) : null),
          s.maxDays ? h('div', { class: 'muted small' }, `up to ${s.maxDays} days`) : null,
          s.aliases.length ? h('div', { class: 'muted small' }, `also: ${s.aliases.join(', ')}`) : null,
          s.exitCriteria.length ? h('ul', { class: 'criteria' }, s.exitCriteria.map((c) => h('li', { class: 'todo' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '○'), criterionLabel(c)))) : null,
          s.plays.length ? h('p', { class: 'small' }, 'Plays: ', s.plays.map((id) => (plays.get(id) ? plays.get(id).title : id)).join(', ')) : null))),
        h('h3', {}, 'Plays'),
        h('ul', { class: 'play-list' }, book.plays.map((play) => h('li', { class: 'card play-card', dataset: { play: play.id } },
          h('h4', {}, play.title, ' ', h('code', { class: 'small' }, play.id)),
          play.description ? h('p', { class: 'muted' }, play.description) : null,
          play.steps.length ? h('ol', { class: 'steps' }, play.steps.map((s) => h('li', {}, s))) : null))));
    }));
  }

  // --- Firings tab
  async function loadFirings() {
    const [firings, runs] = await Promise.all([
      api('/api/v1/rules/firings').catch(() => []),
      api('/api/v1/runs', { query: { limit: 1 } }).catch(() => ({ items: [] })),
    ]);
    state.firings = Array.isArray(firings) ? firings : (firings.firings || []);
    const run = runs.items[0];
    const rules = state.catalogue.packs.flatMap((p) => p.rules);
    const rows = rules.map((r) => ({ name: r.name, pack: r.pack, count: firingsOf(r) }));
    state.firings.filter((f) => !rules.some((r) => f.rule === r.name || f.rule.endsWith(`.${r.name}`)))
      .forEach((f) => rows.push({ name: f.rule, pack: '', count: f.firings }));
    rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const max = Math.max(1, ...rows.map((r) => r.count));
    mount(panels.firings,
      run ? h('p', { class: 'muted' }, `Last evaluation run #${run.id}: ${run.status}, ${formatDateTime(run.finishedAt || run.startedAt)}, `
        + `${run.deals} deals as of ${run.asOf}, rule set `, h('code', {}, shortVersion(run.ruleSetVersion)), '.')
        : empty('No evaluation run yet.', 'Use “Run evaluation now” to evaluate the stored pipeline.'),
      rows.length ? h('figure', { class: 'bar-chart', 'aria-label': 'Firings per rule in the last run' },
        h('figcaption', {}, 'How often each rule fired in the last run'),
        h('table', { class: 'firings-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Firings'))),
          h('tbody', {}, rows.map((r) => h('tr', { dataset: { rule: r.name } },
            h('th', { scope: 'row' }, r.name, r.pack ? h('span', { class: 'muted small' }, ` ${r.pack}`) : null),
            h('td', {}, h('div', { class: 'bar-cell' },
              h('span', { class: r.count ? 'bar' : 'bar zero', style: `width:${(r.count / max) * 100}%` }),
              h('span', { class: 'num' }, r.count ? String(r.count) : 'never fired')))))))) : null);
  }

  async function refreshAll() {
    await loadCatalogue();
    await Promise.all([loadFiles(), loadFirings()]);
    renderRules();
    await renderPlaybooks();
  }

  select(state.tab);
  Object.entries(panels).filter(([id]) => id !== 'editor').forEach(([, p]) => p.append(loading()));
  try {
    await refreshAll();
  } catch (e) {
    mount(panels[state.tab], errorBox(e, () => render(root, { query })));
  }
}
