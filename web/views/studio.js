// Sales ops — Rules studio: the rule packs and their rules, an editor that validates rule text and
// shows each error at its line, saving (which reloads), the playbooks, how often each rule fired, and
// whether the rules' guidance works (effectiveness against the holdout).
// This puts together the header and the tabs; each part is a module in studio/.
import { api, forgetPlaybooks } from '../lib/api.js';
import { mount, loading, errorBox } from '../lib/dom.js';
import { draftsPanel } from './studio/drafts.js';
import { renderEffectiveness } from './studio/effectiveness.js';
import { ruleEditor } from './studio/editor.js';
import { fetchFirings, firingsOf, renderFirings } from './studio/firings.js';
import { studioHeader } from './studio/header.js';
import { renderPlaybooks } from './studio/playbooks.js';
import { renderRules } from './studio/rules.js';
import { initialTab, tabs } from './studio/tabs.js';
import { versionsPanel } from './studio/versions.js';

export async function render(root, { query }) {
  const state = { catalogue: null, firings: [] };
  const version = () => (state.catalogue ? state.catalogue.version : null);
  const { tablist, panels, select, current } = tabs();
  const editor = ruleEditor({ select, version, reloaded });
  const header = studioHeader({ version, reloaded, afterRun, diagnostics: editor.diagnostics });
  mount(root, header.elements, tablist, Object.values(panels));
  mount(panels.editor, editor.elements);
  const drafts = draftsPanel({ published: reloaded });
  const versions = versionsPanel({ rolledBack: reloaded });
  mount(panels.drafts, drafts.elements);
  mount(panels.versions, versions.elements);

  async function loadCatalogue() {
    state.catalogue = await api('/api/v1/rules');
    header.show(state.catalogue);
  }

  async function loadFirings() {
    const { firings, run } = await fetchFirings();
    state.firings = firings;
    renderFirings(panels.firings, state.catalogue, firings, run);
  }

  function showRules() {
    renderRules(panels.rules, state.catalogue, { fired: (rule) => firingsOf(state.firings, rule), openFile: editor.openFile });
  }

  async function refreshAll() {
    await loadCatalogue();
    await Promise.all([editor.loadFiles(), loadFirings()]);
    showRules();
    await renderPlaybooks(panels.playbooks);
    await Promise.all([drafts.load(), versions.load()]);
    await renderEffectiveness(panels.effectiveness); // shows its own error in its panel
  }

  /** After the rules were reloaded (by a reload or a save): playbooks may have changed too. */
  function reloaded() {
    forgetPlaybooks();
    return refreshAll();
  }

  async function afterRun() {
    await loadFirings();
    showRules();
  }

  select(initialTab(query));
  Object.entries(panels).filter(([id]) => !['editor', 'drafts', 'versions'].includes(id)).forEach(([, p]) => p.append(loading()));
  try {
    await refreshAll();
  } catch (e) {
    mount(panels[current()], errorBox(e, () => render(root, { query })));
  }
}
