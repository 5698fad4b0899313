// Director view (#/director): every team by region — forecast of this quarter against a quarter of
// the yearly quota, won value by quarter, win rate and won cycle per team — from one request
// (GET /api/v1/teams). A team's name drills into its home (#/teams/{managerId}). Every chart
// carries its numbers as a table.
import { api, downloadCsv } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader } from '../lib/dom.js';
import { formatDate, formatDays, formatMoney, formatMoneyShort, formatNumber, formatPercent } from '../lib/format.js';
import { chart, COLORS } from '../charts.js';

const PALETTE = ['#0f766e', '#c2410c', '#1d4ed8', '#7c3aed', '#b45309', '#be123c', '#4d7c0f', '#475569'];

export async function render(root) {
  mount(root, loading('Loading every team…'));
  let view;
  try {
    view = await api('/api/v1/teams');
  } catch (e) {
    mount(root, errorBox(e, () => render(root)));
    return undefined;
  }
  const charts = [];
  const track = (figure) => { charts.push(figure); return figure; };
  const teams = view.regions.flatMap((r) => r.teams);
  const csvButton = h('button', {
    type: 'button', class: 'secondary small', id: 'teams-csv',
    on: { click: () => downloadCsv('/api/v1/teams', null, 'teams.csv') },
  }, 'Download table (CSV)');
  mount(root,
    pageHeader('All teams', `As of ${formatDate(view.asOf)} · year to date from ${formatDate(view.from)} · forecast for ${view.period}`, csvButton),
    view.company ? companyLine(view) : null,
    h('div', { class: 'kpi-grid' },
      h('section', { class: 'panel', id: 'forecast-vs-quota', 'aria-labelledby': 'fvq-title' },
        h('h2', { id: 'fvq-title' }, `Forecast ${view.period} against quota`),
        track(chart({
          title: `Forecast for ${view.period} and a quarter of the yearly quota, per team`,
          labels: teams.map((t) => firstName(t.name)),
          format: formatMoneyShort,
          series: [
            { label: 'Quarter of quota', values: teams.map((t) => t.quarterQuota), color: COLORS.team, bars: true },
            { label: `Forecast ${view.period}`, values: teams.map((t) => t.forecast), color: COLORS.accent },
          ],
          emptyText: 'No forecast and no quotas.',
        }))),
      h('section', { class: 'panel', id: 'won-by-quarter', 'aria-labelledby': 'wbq-title' },
        h('h2', { id: 'wbq-title' }, 'Won value by quarter'),
        track(chart({
          title: 'Won value by quarter of close, per team',
          labels: view.quarters,
          format: formatMoneyShort,
          series: teams.map((t, i) => ({
            label: t.name, values: view.quarters.map((q) => t.wonByQuarter[q]), color: PALETTE[i % PALETTE.length],
          })),
          emptyText: 'Nothing won in these quarters.',
        })))),
    view.regions.length
      ? view.regions.map((region) => regionTable(region, view))
      : empty('No teams to show.'));
  return () => charts.forEach((c) => c.destroy && c.destroy());
}

function firstName(name) {
  return (name || '').split(' ')[0];
}

function companyLine(view) {
  const c = view.company;
  return h('p', { class: 'panel', id: 'company' },
    h('strong', {}, 'Company: '),
    `forecast ${view.period} ${formatMoney(c.forecast)}`,
    c.quarterQuota !== null ? ` against ${formatMoney(c.quarterQuota)} (a quarter of the quota)` : '',
    ` · won this year ${formatMoney(c.wonThisYear)}`,
    c.attainment !== null ? ` (${formatPercent(c.attainment)} of quota)` : '',
    ` · win rate ${c.winRate === null ? c.winRateNote : formatPercent(c.winRate)}`,
    ` · won cycle ${c.avgWonCycleDays === null ? '—' : formatDays(c.avgWonCycleDays)}`);
}

function regionTable(region, view) {
  const id = `region-${region.region.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const head = ['Team', 'Reps', `Forecast ${view.period}`, 'Quarter of quota', 'Forecast / quota', 'Attainment', 'Win rate', 'Won cycle',
    ...view.quarters.map((q) => `Won ${q}`)];
  return h('section', { class: 'panel region', id, 'aria-labelledby': `${id}-title`, dataset: { region: region.region } },
    h('h2', { id: `${id}-title` }, region.region),
    h('div', { class: 'table-wrap' }, h('table', { class: 'records-table stack-table' },
      h('caption', { class: 'sr-only' }, `Teams of ${region.region}`),
      h('thead', {}, h('tr', {}, head.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, region.teams.map((t) => h('tr', { dataset: { managerId: t.managerId || '' } },
        h('th', { scope: 'row' }, t.managerId
          ? h('a', { href: `#/teams/${encodeURIComponent(t.managerId)}` }, t.name)
          : t.name),
        cell(head[1], formatNumber(t.reps)),
        cell(head[2], formatMoney(t.forecast)),
        cell(head[3], formatMoney(t.quarterQuota)),
        cell(head[4], t.forecastToQuarterQuota === null ? '—' : formatPercent(t.forecastToQuarterQuota)),
        cell(head[5], formatPercent(t.attainment)),
        cell(head[6], t.winRate === null ? (t.winRateNote || '—') : formatPercent(t.winRate)),
        cell(head[7], t.avgWonCycleDays === null ? '—' : formatDays(t.avgWonCycleDays, true)),
        view.quarters.map((q, i) => cell(head[8 + i], formatMoney(t.wonByQuarter[q])))))))));
}

function cell(label, text) {
  return h('td', { class: 'num', 'data-label': label }, text);
}
