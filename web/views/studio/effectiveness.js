// The Effectiveness tab: whether the rules' guidance works. Per rule and code, and per playbook: how
// many items were shown and held out, what reps did with them (done, dismissed with the top reasons,
// snoozed; acceptance = done / (done + dismissed)), and the win rate and cycle of deals where the
// item was shown against the held-out ones, each with its 95 % interval. Tables, built with DOM APIs.
import { api } from '../../lib/api.js';
import { h, mount, empty, errorBox, loading } from '../../lib/dom.js';
import { formatNumber, formatPercent, formatDecimal } from '../../lib/format.js';

/** Loads the figures of the period in the form (the whole record by default) into `panel`. */
export async function renderEffectiveness(panel) {
  const from = h('input', { type: 'date', name: 'from', id: 'effect-from' });
  const to = h('input', { type: 'date', name: 'to', id: 'effect-to' });
  const results = h('div', { class: 'effect-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'effect-period', on: { submit: (e) => { e.preventDefault(); load(); } } },
    h('label', { for: 'effect-from' }, 'From (as-of) '), from, ' ',
    h('label', { for: 'effect-to' }, 'to '), to, ' ',
    h('button', { type: 'submit' }, 'Show'));
  mount(panel, form, results);

  async function load() {
    mount(results, loading());
    try {
      const report = await api('/api/v1/rules/effectiveness', { query: { from: from.value || undefined, to: to.value || undefined } });
      mount(results, ...reportParts(report));
    } catch (e) {
      mount(results, errorBox(e, load));
    }
  }
  await load();
}

function reportParts(report) {
  if (!report.rules.length) {
    return [empty('Nothing computed in this period.', 'Run an evaluation, or open My day as a rep, to record guidance.')];
  }
  return [
    h('p', { class: 'muted' }, `Held out from reps: ${formatPercent(report.holdoutShare)} of (deal, code) pairs. `
      + 'Acceptance is done / (done + dismissed). Outcomes count deals closed after the item was first computed; '
      + 'intervals are 95 %.'),
    h('h2', {}, 'Per rule and code'),
    table('effect-rules', 'Effectiveness per rule and code',
      ['Rule', 'Code', ...FIGURES, 'Top dismissal reasons'],
      report.rules.map((r) => h('tr', { dataset: { code: r.code, rule: r.rule || '' } },
        h('th', { scope: 'row' }, r.rule || '(before records)'),
        h('td', {}, h('code', {}, r.code)),
        figureCells(r),
        h('td', {}, reasons(r.topDismissReasons))))),
    h('h2', {}, 'Per playbook'),
    report.playbooks.length
      ? table('effect-playbooks', 'Effectiveness per playbook', ['Playbook', ...FIGURES],
        report.playbooks.map((p) => h('tr', { dataset: { playbook: p.playbook } },
          h('th', { scope: 'row' }, p.playbook), figureCells(p))))
      : empty('No guidance on deals in this period.'),
  ];
}

const FIGURES = ['Shown', 'Held out', 'Done', 'Dismissed', 'Snoozed', 'Acceptance',
  'Win rate shown', 'Win rate held out', 'Win rate difference', 'Cycle shown', 'Cycle held out', 'Cycle difference'];

function figureCells(row) {
  const o = row.outcomes;
  return [
    num(row.shown), num(row.heldOut), num(row.done), num(row.dismissed), num(row.snoozed),
    h('td', {}, rate(row.acceptanceRate)),
    h('td', {}, arm(o.shown)), h('td', {}, arm(o.heldOut)),
    h('td', {}, difference(o.winRateDifference, (v) => `${v >= 0 ? '+' : ''}${formatDecimal(v * 100)} pts`)),
    h('td', {}, days(o.shown.cycleDays)), h('td', {}, days(o.heldOut.cycleDays)),
    h('td', {}, difference(o.cycleDaysDifference, (v) => `${v >= 0 ? '+' : ''}${formatDecimal(v)} d`)),
  ];
}

function num(n) {
  return h('td', { class: 'num' }, formatNumber(n));
}

function rate(interval) {
  if (interval.value === null || interval.value === undefined) return '—';
  return [formatPercent(interval.value), h('span', { class: 'muted small' }, ` (${formatPercent(interval.low)}–${formatPercent(interval.high)}, n ${interval.n})`)];
}

function arm(figures) {
  if (!figures.closed) return h('span', { class: 'muted' }, `${formatNumber(figures.deals)} deals, none closed`);
  return [rate(figures.winRate), h('span', { class: 'muted small' }, ` ${figures.won} of ${figures.closed} won`)];
}

function days(interval) {
  if (interval.value === null || interval.value === undefined) return '—';
  const range = interval.low === null || interval.low === undefined ? '' : ` (${formatDecimal(interval.low)}–${formatDecimal(interval.high)})`;
  return [`${formatDecimal(interval.value)} d`, h('span', { class: 'muted small' }, range)];
}

function difference(d, show) {
  if (!d) return h('span', { class: 'muted' }, 'not enough closed deals');
  return [show(d.value), h('span', { class: 'muted small' }, ` (${show(d.low)} to ${show(d.high)})`)];
}

function reasons(list) {
  if (!list.length) return '—';
  return h('ul', { class: 'plain-list' }, list.map((r) => h('li', {}, `${r.reason} (${r.count})`)));
}

function table(cls, caption, headings, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: `records-table ${cls}` },
      h('caption', { class: 'muted' }, caption),
      h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}
