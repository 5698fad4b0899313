// Manager — one rep: KPIs next to the team's, as charts (win rate, cycle time, pipeline, activity),
// and the rep's coaching alerts.
import { api, rulesVersion } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader } from '../lib/dom.js';
import {
  formatDate, formatDays, formatMoney, formatMoneyShort, formatMonth, formatPercent, formatRatio, formatWeekday,
} from '../lib/format.js';
import { chart, COLORS } from '../charts.js';
import { alertCard, nameDeals } from './alerts.js';
import { loadAlerts } from './inbox.js';

export async function render(root, { params, session }) {
  const repId = params.repId;
  const back = session && session.role === 'director'
    ? h('a', { href: '#/director' }, '← All teams')
    : h('a', { href: '#/inbox' }, '← Coaching inbox');
  mount(root, loading('Loading the rep’s KPIs…'));
  let kpis;
  try {
    kpis = await api(`/api/v1/reps/${encodeURIComponent(repId)}/kpis`);
  } catch (e) {
    mount(root, h('p', { class: 'crumbs' }, back), errorBox(e, () => render(root, { params, session })));
    return undefined;
  }
  const charts = [];
  const track = (figure) => { charts.push(figure); return figure; };
  const alertsBox = h('section', { class: 'panel', 'aria-labelledby': 'rep-alerts-title' },
    h('h2', { id: 'rep-alerts-title' }, 'Coaching alerts'), loading('Loading alerts…'));
  const { rep, team } = kpis;
  const monthLabels = kpis.months.map((m) => formatMonth(m.month));

  mount(root,
    h('p', { class: 'crumbs' }, back),
    pageHeader(kpis.name || repId, `KPIs as of ${formatDate(kpis.asOf)}${team ? ', next to the team' : ''}`),
    h('div', { class: 'kpi-grid', id: 'kpis' },
      tile('Win rate', 'win-rate', formatPercent(rep.winRate), team ? `team ${formatPercent(team.winRate)}` : null,
        rep.closedLast180 === 0
          ? 'no deals closed in the last 180 days, so no win rate'
          : `${rep.wonLast180} won of ${rep.closedLast180} closed in the last 180 days`,
        track(chart({
          title: 'Win rate by month', labels: monthLabels, format: (v) => formatPercent(v), yRange: [0, 1],
          series: [
            { label: kpis.name || 'Rep', values: kpis.months.map((m) => m.winRate), color: COLORS.rep },
            kpis.teamMonths ? { label: 'Team', values: kpis.teamMonths.map((m) => m.winRate), color: COLORS.team } : null,
          ].filter(Boolean),
          emptyText: 'No deals closed in the last twelve months.',
        }))),
      tile('Sales cycle', 'cycle-time', rep.cycleDays === undefined ? '—' : formatDays(rep.cycleDays),
        team && team.cycleDays !== undefined ? `team ${formatDays(team.cycleDays)}` : null,
        'average days from engagement to a won close, last 180 days',
        track(chart({
          title: 'Days to win, by month of close', labels: monthLabels, format: (v) => formatDays(v, true),
          series: [
            { label: kpis.name || 'Rep', values: kpis.months.map((m) => m.cycleDays), color: COLORS.rep },
            kpis.teamMonths ? { label: 'Team', values: kpis.teamMonths.map((m) => m.cycleDays), color: COLORS.team } : null,
          ].filter(Boolean),
          emptyText: 'No deals won in the last twelve months.',
        }))),
      pipelineTile(kpis, track),
      tile('Activity', 'activity', `${rep.activitiesLast7Days}`, team ? `team average ${team.activitiesLast7Days}` : null,
        'activities logged in the last 7 days',
        track(chart({
          title: 'Activities per day, last 7 days',
          labels: kpis.activity.map((d) => formatWeekday(d.date)),
          format: (v) => String(Math.round(v)),
          series: [{ label: 'Activities', values: kpis.activity.map((d) => d.count), color: COLORS.rep, bars: true }],
          emptyText: 'No activity logged in the last 7 days.',
        })))),
    alertsBox);

  (async () => {
    try {
      const [alerts, version] = await Promise.all([loadAlerts({ status: 'all', repId }), rulesVersion()]);
      const title = h('h2', { id: 'rep-alerts-title' }, `Coaching alerts (${alerts.length})`);
      mount(alertsBox, title, alerts.length
        ? h('ul', { class: 'alert-list' }, alerts.map((a) => alertCard(a, { version, readOnly: session && session.role === 'director' })))
        : empty('No coaching alerts for this rep.'));
      nameDeals(alertsBox);
    } catch (e) {
      mount(alertsBox, h('h2', { id: 'rep-alerts-title' }, 'Coaching alerts'), errorBox(e));
    }
  })();

  return () => charts.forEach((c) => c.destroy && c.destroy());
}

function tile(title, id, value, comparison, explanation, figure) {
  return h('section', { class: 'panel kpi', id: `kpi-${id}`, 'aria-labelledby': `kpi-${id}-title` },
    h('h2', { id: `kpi-${id}-title` }, title),
    h('p', { class: 'kpi-value' }, h('span', { class: 'big-number' }, value), comparison ? h('span', { class: 'muted' }, ` ${comparison}`) : null),
    h('p', { class: 'muted small' }, explanation),
    figure);
}

/** Pipeline coverage when the team has quotas, else open pipeline; the rep next to each peer. */
function pipelineTile(kpis, track) {
  const { rep, team, peers } = kpis;
  const coverage = rep.pipelineCoverage !== undefined;
  const value = rep.quotaMet ? 'Quota met' : coverage ? formatRatio(rep.pipelineCoverage) : formatMoney(rep.openPipeline);
  const teamCoverage = team && team.quotaMet ? 'team quota met'
    : team && team.pipelineCoverage !== undefined ? `team ${formatRatio(team.pipelineCoverage)}` : null;
  const comparison = team ? (coverage || rep.quotaMet ? teamCoverage ?? `team ${formatMoney(team.openPipeline)}` : `team ${formatMoney(team.openPipeline)}`) : null;
  const explanation = rep.quotaMet
    ? `nothing left to close this year; open pipeline ${formatMoney(rep.openPipeline)} in ${rep.openDeals} deals`
    : coverage
      ? `open pipeline ${formatMoney(rep.openPipeline)} over the quota still to close`
      : `open pipeline in ${rep.openDeals} deals (no quota set, so no coverage ratio)`;
  const metric = (p) => (coverage ? (p.figures.pipelineCoverage ?? null) : p.figures.openPipeline);
  const labels = peers.map((p) => (p.name || p.repId).split(' ')[0]);
  return tile('Pipeline coverage', 'pipeline', value, comparison, explanation, track(chart({
    title: coverage ? 'Pipeline coverage across the team' : 'Open pipeline across the team',
    labels,
    format: coverage ? formatRatio : formatMoneyShort,
    series: [
      { label: kpis.name || 'Rep', values: peers.map((p) => (p.repId === kpis.repId ? metric(p) : null)), color: COLORS.rep, bars: true },
      { label: 'Peers', values: peers.map((p) => (p.repId === kpis.repId ? null : metric(p))), color: COLORS.team, bars: true },
    ],
    emptyText: 'No open pipeline in the team.',
  })));
}
