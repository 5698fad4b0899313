// Territories (#/territories, ops, admin and directors): each territory's load against its capacity,
// and what the territory rules found in the newest evaluation run — balance, owner suggestions,
// unassigned accounts, owners outside their territory — each with its why. Two requests.
import { api } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader, badge, whyPanel } from '../lib/dom.js';
import { formatDate, formatNumber } from '../lib/format.js';

const SECTIONS = [
  { key: 'balance', title: 'Balance', hint: 'Territories carrying more accounts than their capacity, or far more than their peers.' },
  { key: 'ownerSuggestions', title: 'Owner suggestions', hint: 'Accounts without an owner, and the rep who should own them.' },
  { key: 'unassignedAccounts', title: 'Unassigned accounts', hint: 'Accounts without a territory, and where the policy puts them.' },
  { key: 'ownersOutsideTerritory', title: 'Owners outside the territory', hint: 'Open deals owned by a rep who does not cover the account’s territory.' },
  { key: 'other', title: 'Other findings', hint: '' },
];

export async function render(root) {
  mount(root, loading('Loading territories…'));
  let list;
  let findings;
  try {
    [list, findings] = await Promise.all([api('/api/v1/territories'), api('/api/v1/territories/findings')]);
  } catch (e) {
    mount(root, errorBox(e, () => render(root)));
    return undefined;
  }
  const subtitle = findings.runId
    ? `Findings of evaluation run ${findings.runId}, as of ${formatDate(findings.asOf)}`
    : findings.note;
  mount(root,
    pageHeader('Territories', subtitle),
    h('section', { class: 'panel', id: 'territory-list', 'aria-labelledby': 'territory-list-title' },
      h('h2', { id: 'territory-list-title' }, 'Territories'),
      h('p', { class: 'muted small' },
        `${formatNumber(list.accounts)} accounts, ${formatNumber(list.unassignedAccounts)} of them in no territory`),
      territoryTable(list.territories)),
    h('nav', { class: 'panel', 'aria-label': 'Findings' }, h('ul', { class: 'plain inline' },
      SECTIONS.filter((s) => findings[s.key] && findings[s.key].length).map((s) => h('li', {},
        h('a', { href: `#/territories`, on: { click: (e) => { e.preventDefault(); document.getElementById(`findings-${s.key}`).scrollIntoView(); } } },
          `${s.title} (${findings[s.key].length})`))))),
    SECTIONS.filter((s) => s.key !== 'other' || (findings.other && findings.other.length)).map((s) => findingsSection(s, findings[s.key] || [])));
  return undefined;
}

function territoryTable(territories) {
  if (!territories.length) {
    return empty('No territories are stored.', 'Import them with the facts (territories) or through the CRM sync.');
  }
  const head = ['Territory', 'Regions', 'Industries', 'Accounts', 'Capacity', 'Without owner', 'Reps'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'records-table stack-table' },
    h('caption', { class: 'sr-only' }, 'Territories and their load'),
    h('thead', {}, h('tr', {}, head.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, territories.map((t) => h('tr', { dataset: { territoryId: t.id } },
      h('th', { scope: 'row' }, t.name || t.id),
      h('td', { 'data-label': head[1] }, t.regions.join(', ') || '—'),
      h('td', { 'data-label': head[2] }, t.industries.join(', ') || 'any'),
      h('td', { class: 'num', 'data-label': head[3] }, formatNumber(t.accounts), t.overCapacity ? [' ', badge('over capacity', 'sev high')] : null),
      h('td', { class: 'num', 'data-label': head[4] }, t.capacity === null ? '—' : formatNumber(t.capacity)),
      h('td', { class: 'num', 'data-label': head[5] }, formatNumber(t.unownedAccounts)),
      h('td', { 'data-label': head[6] }, t.reps.length ? t.reps.join(', ') : 'not recorded'))))));
}

function findingsSection(section, items) {
  const id = `findings-${section.key}`;
  return h('section', { class: 'panel findings', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, `${section.title} (${items.length})`),
    section.hint ? h('p', { class: 'muted small' }, section.hint) : null,
    items.length
      ? h('ul', { class: 'plain finding-list' }, items.map((f) => h('li', { class: 'finding', dataset: { code: f.code } },
        h('p', {}, h('strong', {}, f.title)),
        h('p', { class: 'muted small' }, f.reason),
        whyPanel(f, null))))
      : empty('Nothing found.'));
}
