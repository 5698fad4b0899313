// Manager — Coaching inbox: my team's alerts grouped by rep, filtered by severity, code and status.
import { all, allValues, rulesVersion } from '../lib/api.js';
import { h, add, mount, loading, empty, errorBox, pageHeader, badge } from '../lib/dom.js';
import { nameFromId, plural } from '../lib/format.js';
import { alertCard, nameDeals, SEVERITIES } from './alerts.js';

/** Alerts shown per rep before "Show all". */
const PER_REP = 5;

const STATUSES = [
  { value: 'active', label: 'Open and acknowledged' },
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

/** Alerts matching a filter; "active" means open or acknowledged. */
export async function loadAlerts({ status = 'active', severity, code, repId }) {
  const query = { severity, code, repId };
  if (status === 'active') {
    const [open, acknowledged] = await Promise.all([
      all('/api/v1/alerts', { ...query, status: 'open' }), all('/api/v1/alerts', { ...query, status: 'acknowledged' })]);
    return [...open, ...acknowledged];
  }
  return all('/api/v1/alerts', { ...query, status: status === 'all' ? undefined : status });
}

export async function render(root, { query, session }) {
  const filter = { status: query.status || 'active', severity: query.severity || '', code: query.code || '' };
  const subtitle = h('span', {}, session.role === 'manager' ? 'Coaching alerts for your team.' : 'Coaching alerts of every team.');
  const results = h('div', { id: 'alerts', 'aria-live': 'polite' }, loading('Loading alerts…'));
  const controls = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter alerts' });
  mount(root, pageHeader('Coaching inbox', subtitle), controls, results);

  const [reps, codes, version] = await Promise.all([
    allValues('/api/v1/reps').catch(() => []),
    loadAlerts({ status: 'all' }).then((items) => [...new Set(items.map((a) => a.code))].sort()).catch(() => []),
    rulesVersion(),
  ]);
  const names = new Map(reps.map((r) => [r.id, r.name]));

  const select = (id, label, options, value) => {
    const el = h('select', { id, name: id }, options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
    el.addEventListener('change', () => {
      filter[id.replace('filter-', '')] = el.value;
      const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
      history.replaceState(null, '', `#/inbox?${params}`);
      load();
    });
    return h('div', { class: 'field' }, h('label', { for: id }, label), el);
  };
  mount(controls,
    select('filter-status', 'Status', STATUSES, filter.status),
    select('filter-severity', 'Severity', [{ value: '', label: 'Any severity' }, ...SEVERITIES.map((s) => ({ value: s, label: s }))], filter.severity),
    select('filter-code', 'Alert', [{ value: '', label: 'Any alert' }, ...codes.map((c) => ({ value: c, label: c }))], filter.code));

  async function load() {
    results.setAttribute('aria-busy', 'true');
    mount(results, loading('Loading alerts…'));
    try {
      const alerts = await loadAlerts(filter);
      renderAlerts(alerts);
    } catch (e) {
      mount(results, errorBox(e, load));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  function renderAlerts(alerts) {
    const counts = SEVERITIES.map((s) => [s, alerts.filter((a) => a.severity === s).length]).filter(([, n]) => n);
    subtitle.textContent = `${alerts.length} ${plural(alerts.length, 'alert')}${counts.length ? ': ' : ''}${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`;
    if (!alerts.length) {
      const filtered = filter.severity || filter.code || filter.status !== 'active';
      mount(results, filtered
        ? empty('No alerts match these filters.', 'Change the filters above to see more.')
        : empty('Nothing to coach on right now.', 'Alerts appear here after an evaluation run, when a rule finds something about a rep or deal worth a conversation.'));
      return;
    }
    const byRep = new Map();
    alerts.forEach((a) => {
      if (!byRep.has(a.repId)) byRep.set(a.repId, []);
      byRep.get(a.repId).push(a);
    });
    const rank = (list) => Math.min(...list.map((a) => SEVERITIES.indexOf(a.severity)));
    const groups = [...byRep.entries()].sort((a, b) => rank(a[1]) - rank(b[1]) || b[1].length - a[1].length);
    mount(results, groups.map(([repId, list]) => {
      list.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.priority - a.priority);
      const name = names.get(repId) || nameFromId(repId) || 'No rep';
      const ul = h('ul', { class: 'alert-list' }, list.slice(0, PER_REP).map((a) => alertCard(a, { version })));
      const more = list.length > PER_REP ? h('button', {
        type: 'button', class: 'secondary show-more',
        on: {
          click: (event) => {
            const shown = ul.children.length;
            add(ul, list.slice(shown).map((a) => alertCard(a, { version })));
            nameDeals(ul);
            ul.children[shown].querySelector('h3').focus();
            event.target.remove();
          },
        },
      }, `Show all ${list.length} alerts for ${name}`) : null;
      return h('section', { class: 'rep-group', dataset: { repId: repId || '' }, 'aria-labelledby': `group-${repId}` },
        h('div', { class: 'group-head' },
          h('h2', { id: `group-${repId}` }, name, ' ', badge(String(list.length), 'count')),
          repId ? h('a', { href: `#/team/${encodeURIComponent(repId)}`, class: 'rep-link' }, `KPIs and alerts for ${name} →`) : null),
        ul, more);
    }));
    nameDeals(results);
  }

  load();
}
