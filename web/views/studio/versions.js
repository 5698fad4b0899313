// The Versions tab: every published version of the rule set, newest first, with its author, note and
// parent; what changed against its parent (a unified diff per file), and a rollback with a note.
import { api } from '../../lib/api.js';
import { h, mount, toast, errorBox, badge } from '../../lib/dom.js';
import { formatDateTime, shortVersion } from '../../lib/format.js';

/** @param options { rolledBack() after a rollback (the studio reloads what serves) } */
export function versionsPanel({ rolledBack }) {
  const list = h('div', { id: 'versions-list' });
  const detail = h('div', { id: 'version-detail', 'aria-live': 'polite' });

  async function load() {
    const versions = await api('/api/v1/rules/versions');
    mount(list, h('table', { class: 'versions-table' },
      h('thead', {}, h('tr', {}, ['Version', 'Author', 'Note', 'Created', 'Parent', ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, versions.map((v) => h('tr', { dataset: { version: v.id } },
        h('td', {}, shortVersion(v.id), ' ', v.live ? badge('live', 'ok') : null),
        h('td', { class: 'author' }, v.author), h('td', { class: 'note' }, v.note),
        h('td', {}, formatDateTime(v.createdAt)), h('td', {}, v.parent ? shortVersion(v.parent) : '—'),
        h('td', {},
          v.parent ? h('button', { type: 'button', class: 'link show-diff', on: { click: () => showDiff(v.parent, v.id) } }, 'Changes') : null, ' ',
          v.live ? null : h('button', { type: 'button', class: 'link roll-back', on: { click: () => askRollback(v.id) } }, 'Roll back to this')))))));
  }

  async function showDiff(from, to) {
    try {
      const diff = await api(`/api/v1/rules/versions/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`);
      mount(detail, h('h2', { class: 'small-heading' }, `Changes from ${shortVersion(from)} to ${shortVersion(to)}`),
        diff.files.length ? diff.files.map((f) => h('section', { class: 'file-diff', dataset: { path: f.path } },
          h('h3', { class: 'small-heading' }, `${f.path} (${f.change})`),
          f.unified ? h('pre', { class: 'diff' }, f.unified) : h('p', { class: 'muted' }, 'A spreadsheet: binary, no text diff.')))
          : h('p', { class: 'muted' }, 'No file changed.'));
    } catch (e) {
      mount(detail, errorBox(e));
    }
  }

  function askRollback(id) {
    const note = h('input', { type: 'text', id: 'rollback-note', placeholder: 'Why roll back', 'aria-label': 'Rollback note', maxlength: '2000' });
    const confirm = h('button', { type: 'button', id: 'confirm-rollback' }, `Roll back to ${shortVersion(id)}`);
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        const change = await api(`/api/v1/rules/versions/${encodeURIComponent(id)}/rollback`, { method: 'POST', body: { note: note.value } });
        toast(`Rolled back: version ${shortVersion(change.version)} is live.`);
        mount(detail, h('p', { class: 'result ok', id: 'rollback-result' }, `✓ Version ${shortVersion(change.version)} is live again.`));
        await load();
        await rolledBack();
      } catch (e) {
        mount(detail, errorBox(e));
        confirm.disabled = false;
      }
    });
    mount(detail, h('div', { class: 'editor-actions' }, note, confirm));
    note.focus();
  }

  return { elements: [list, detail], load };
}
