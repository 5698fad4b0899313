// The Rules tab: each rule pack with its files and its rules in file order, and how often each fired.
import { h, mount, empty, badge } from '../../lib/dom.js';
import { formatPlace, plural } from '../../lib/format.js';

const byPlace = (a, b) => (a.file || '').localeCompare(b.file || '') || (a.line || 0) - (b.line || 0) || a.name.localeCompare(b.name);

/** @param options { fired(rule) → firings in the last run, openFile(path, line) } */
export function renderRules(panel, catalogue, options) {
  if (!catalogue.packs.length) {
    mount(panel, empty('No rule files yet.', 'Write one in the Editor tab, or add .drl files to the rules directory.'));
    return;
  }
  mount(panel, catalogue.packs.map((pack) => packSection({ ...pack, rules: [...pack.rules].sort(byPlace) }, options)));
}

function packSection(pack, { fired, openFile }) {
  return h('section', { class: 'pack', dataset: { pack: pack.name } },
    h('h2', {}, pack.name, ' ', badge(`${pack.rules.length} ${plural(pack.rules.length, 'rule')}`, 'count'), ' ',
      badge(`${pack.rules.filter((r) => fired(r) > 0).length} fired in the last run`, 'count')),
    h('p', { class: 'muted small' }, 'Files: ', pack.files.map((f, i) => [i ? ', ' : '',
      h('a', { href: '#', class: 'file-link', on: { click: (e) => { e.preventDefault(); openFile(f); } } }, f)])),
    pack.rules.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'rules-table' },
      h('thead', {}, h('tr', {}, ['Rule', 'Category', 'Priority', 'Play', 'Where', 'Fired in last run'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, pack.rules.map((rule) => ruleRow(rule, fired, openFile))))) : empty('No rules in this pack.'));
}

function ruleRow(rule, fired, openFile) {
  return h('tr', { dataset: { rule: rule.name } },
    h('td', {},
      h('a', { href: '#', on: { click: (e) => { e.preventDefault(); openFile(rule.file, rule.line); } } }, rule.name),
      rule.explanation ? h('p', { class: 'muted small' }, rule.explanation) : null),
    h('td', {}, rule.category || '—'),
    h('td', { class: 'num' }, String(rule.priority)),
    h('td', {}, rule.playId ? h('code', {}, rule.playId) : '—'),
    h('td', {}, h('code', {}, formatPlace(rule.file, rule.line))),
    h('td', { class: 'num firings' }, String(fired(rule))));
}
