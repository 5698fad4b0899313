// The Firings tab: how often each rule fired in the last evaluation run, as bars, and that run.
import { api } from '../../lib/api.js';
import { h, mount, empty } from '../../lib/dom.js';
import { formatDateTime, shortVersion } from '../../lib/format.js';

/** Whether a firing count (named by the rule's qualified name) is the rule's. */
const isOf = (firing, rule) => firing.rule === rule.name || firing.rule.endsWith(`.${rule.name}`);

/** How often `rule` fired in the last run. */
export function firingsOf(firings, rule) {
  const hit = firings.find((f) => isOf(f, rule));
  return hit ? hit.firings : 0;
}

/** The firings of the last run and that run (undefined before the first). */
export async function fetchFirings() {
  const [firings, runs] = await Promise.all([
    api('/api/v1/rules/firings').catch(() => []),
    api('/api/v1/runs', { query: { limit: 1 } }).catch(() => ({ items: [] })),
  ]);
  return { firings: Array.isArray(firings) ? firings : (firings.firings || []), run: runs.items[0] };
}

export function renderFirings(panel, catalogue, firings, run) {
  const rows = firingRows(catalogue, firings);
  mount(panel,
    run ? h('p', { class: 'muted' }, `Last evaluation run #${run.id}: ${run.status}, ${formatDateTime(run.finishedAt || run.startedAt)}, `
      + `${run.deals} deals as of ${run.asOf}, rule set `, h('code', {}, shortVersion(run.ruleSetVersion)), '.')
      : empty('No evaluation run yet.', 'Use “Run evaluation now” to evaluate the stored pipeline.'),
    rows.length ? firingsChart(rows) : null);
}

/** Every rule of the catalogue with its count, and the counts of rules it no longer has; most first. */
function firingRows(catalogue, firings) {
  const rules = catalogue.packs.flatMap((p) => p.rules);
  const rows = rules.map((r) => ({ name: r.name, pack: r.pack, count: firingsOf(firings, r) }));
  firings.filter((f) => !rules.some((r) => isOf(f, r)))
    .forEach((f) => rows.push({ name: f.rule, pack: '', count: f.firings }));
  return rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function firingsChart(rows) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return h('figure', { class: 'bar-chart', 'aria-label': 'Firings per rule in the last run' },
    h('figcaption', {}, 'How often each rule fired in the last run'),
    h('table', { class: 'firings-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Firings'))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { rule: r.name } },
        h('th', { scope: 'row' }, r.name, r.pack ? h('span', { class: 'muted small' }, ` ${r.pack}`) : null),
        h('td', {}, h('div', { class: 'bar-cell' },
          h('span', { class: r.count ? 'bar' : 'bar zero', style: `width:${(r.count / max) * 100}%` }),
          h('span', { class: 'num' }, r.count ? String(r.count) : 'never fired'))))))));
}
