// Manager home (#/team, or #/teams/{managerId} for ops, admin and directors): the team's roster,
// open pipeline by stage, the forecast of this and next quarter with its parts and forecast
// categories, and won value by month — one request (GET /api/v1/teams/{managerId}). A rep's name
// drills into their KPI page (#/team/{repId}). Every chart carries its numbers as a table.
import { api, downloadCsv } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader, badge } from '../lib/dom.js';
import {
  formatDate, formatDays, formatMoney, formatMoneyShort, formatMonth, formatNumber, formatPercent, formatRatio,
} from '../lib/format.js';
import { chart, COLORS } from '../charts.js';

export async function render(root, { params, session }) {
  const managerId = params.managerId || session.managerId;
  if (!managerId) {
    mount(root, pageHeader('My team'), empty('Your user is not linked to a manager record.', 'Ask an administrator to set your managerId.'));
    return undefined;
  }
  mount(root, loading('Loading the team…'));
  let home;
  try {
    home = await api(`/api/v1/teams/${encodeURIComponent(managerId)}`);
  } catch (e) {
    mount(root, crumbs(session), errorBox(e, () => render(root, { params, session })));
    return undefined;
  }
  const charts = [];
  const track = (figure) => { charts.push(figure); return figure; };
  const csvButton = h('button', {
    type: 'button', class: 'secondary small', id: 'roster-csv',
    on: { click: () => downloadCsv(`/api/v1/teams/${encodeURIComponent(managerId)}`, null, `team-${managerId}.csv`) },
  }, 'Download roster (CSV)');

  mount(root,
    crumbs(session),
    pageHeader(home.name || managerId,
      `Team of ${home.reps.length} reps · figures from ${formatDate(home.from)} to ${formatDate(home.asOf)} (as of)`, csvButton),
    teamTiles(home.team),
    h('section', { class: 'panel', id: 'roster', 'aria-labelledby': 'roster-title' },
      h('h2', { id: 'roster-title' }, 'Roster'),
      rosterTable(home.reps)),
    h('div', { class: 'kpi-grid' },
      forecastPanel(home.forecasts, track),
      h('section', { class: 'panel', id: 'stages', 'aria-labelledby': 'stages-title' },
        h('h2', { id: 'stages-title' }, 'Open pipeline by stage'),
        track(chart({
          title: 'Open pipeline value by stage',
          labels: home.stages.map((s) => s.stage),
          format: formatMoneyShort,
          series: [{ label: 'Value', values: home.stages.map((s) => s.value), color: COLORS.rep, bars: true }],
          emptyText: 'No open deals.',
        })),
        h('p', { class: 'muted small' },
          home.stages.map((s) => `${s.stage}: ${formatNumber(s.deals)} deals`).join(' · '))),
      h('section', { class: 'panel', id: 'won-by-month', 'aria-labelledby': 'won-title' },
        h('h2', { id: 'won-title' }, 'Won value by month'),
        track(chart({
          title: 'Won value by month of close',
          labels: home.wonByMonth.map((m) => formatMonth(m.month)),
          format: formatMoneyShort,
          series: [{ label: 'Won value', values: home.wonByMonth.map((m) => m.wonValue), color: COLORS.rep, bars: true }],
          emptyText: 'Nothing won in the last twelve months.',
        })))));
  return () => charts.forEach((c) => c.destroy && c.destroy());
}

function crumbs(session) {
  return session.role === 'manager'
    ? h('p', { class: 'crumbs' }, h('a', { href: '#/inbox' }, 'Coaching inbox'))
    : h('p', { class: 'crumbs' }, h('a', { href: '#/director' }, '← All teams'));
}

function teamTiles(team) {
  if (!team) {
    return null;
  }
  const tile = (id, title, value, note) => h('section', { class: 'panel kpi', id: `team-${id}` },
    h('h2', {}, title), h('p', { class: 'kpi-value' }, h('span', { class: 'big-number' }, value)), h('p', { class: 'muted small' }, note));
  return h('div', { class: 'kpi-grid tiles-4', id: 'team-figures' },
    tile('attainment', 'Attainment', formatPercent(team.attainment),
      team.quota === null ? 'no quotas set' : `${formatMoney(team.wonThisYear)} won of ${formatMoney(team.quota)} quota`),
    tile('pipeline', 'Open pipeline', formatMoney(team.openPipeline),
      `${formatNumber(team.openDeals)} open deals, ${formatMoney(team.staleOpenPipeline)} of it stale`),
    tile('coverage', 'Coverage', team.coverage === null ? (team.coverageNote || '—') : formatRatio(team.coverage),
      'fresh open pipeline over the quota still to close'),
    tile('win-rate', 'Win rate', formatPercent(team.winRate),
      team.winRate === null ? team.winRateNote : `${team.won} won, ${team.lost} lost; cycle ${cycle(team.avgWonCycleDays)}`));
}

function cycle(days) {
  return days === null || days === undefined ? '—' : formatDays(days);
}

function rosterTable(reps) {
  if (!reps.length) {
    return empty('No reps in this team.');
  }
  const head = ['Rep', 'Attainment', 'Open pipeline', 'Coverage', 'Win rate', 'Won cycle', 'Open alerts', 'Ramp'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'records-table stack-table' },
    h('caption', { class: 'sr-only' }, 'Each rep of the team, year to date'),
    h('thead', {}, h('tr', {}, head.map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, reps.map((r) => h('tr', { dataset: { repId: r.repId } },
      h('th', { scope: 'row' }, h('a', { href: `#/team/${encodeURIComponent(r.repId)}` }, r.name || r.repId)),
      h('td', { class: 'num', 'data-label': head[1] }, r.attainment === null ? 'no quota' : formatPercent(r.attainment)),
      h('td', { class: 'num', 'data-label': head[2] }, `${formatMoney(r.openPipeline)} (${r.openDeals})`),
      h('td', { class: 'num', 'data-label': head[3] }, r.coverage === null ? (r.coverageNote || '—') : formatRatio(r.coverage)),
      h('td', { class: 'num', 'data-label': head[4] }, r.winRate === null ? (r.winRateNote || '—') : formatPercent(r.winRate)),
      h('td', { class: 'num', 'data-label': head[5] }, cycle(r.avgWonCycleDays)),
      h('td', { class: 'num alerts', 'data-label': head[6] }, String(r.openAlerts)),
      h('td', { 'data-label': head[7] }, ramp(r)))))));
}

function ramp(r) {
  if (r.rampBehindPlan) {
    return badge('behind ramp plan', 'sev medium');
  }
  if (r.daysSinceHire === null) {
    return '—';
  }
  return r.daysSinceHire < 365 ? `${r.daysSinceHire} days in` : 'ramped';
}

function forecastPanel(forecasts, track) {
  const names = forecasts.map((f) => f.period);
  return h('section', { class: 'panel', id: 'forecast', 'aria-labelledby': 'forecast-title' },
    h('h2', { id: 'forecast-title' }, 'Forecast'),
    h('div', { class: 'forecast-figures' }, forecasts.map((f) => h('p', { class: 'kpi-value', dataset: { period: f.period } },
      h('span', { class: 'muted' }, `${f.period} `), h('span', { class: 'big-number' }, formatMoney(f.forecast)),
      h('span', { class: 'muted small' }, ` = ${formatMoney(f.parts.openDeals)} from open deals + ${formatMoney(f.parts.notYetCreated)} from deals not yet created`),
      f.note ? h('span', { class: 'muted small note' }, ` (${f.note})`) : null))),
    track(chart({
      title: 'Forecast by part',
      labels: names,
      format: formatMoneyShort,
      series: [
        { label: 'Open deals', values: forecasts.map((f) => f.parts.openDeals), color: COLORS.rep, bars: true },
        { label: 'Not yet created', values: forecasts.map((f) => f.parts.notYetCreated), color: COLORS.accent, bars: true },
      ],
      emptyText: 'Nothing forecast.',
    })),
    categoriesTable(forecasts[0]));
}

/** The rule-based forecast categories of the open deals (the same deals for both quarters). */
function categoriesTable(f) {
  if (!f || !f.categories) {
    return h('p', { class: 'muted small' }, f && f.categoriesNote ? f.categoriesNote : 'No forecast categories.');
  }
  const rows = Object.entries(f.categories);
  return h('table', { class: 'records-table', id: 'forecast-categories' },
    h('caption', {}, 'Open deals by forecast category (rules/forecast)'),
    h('thead', {}, h('tr', {}, ['Category', 'Deals', 'Value'].map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, rows.map(([name, c]) => h('tr', { dataset: { category: name } },
      h('th', { scope: 'row' }, name), h('td', { class: 'num' }, formatNumber(c.deals)), h('td', { class: 'num' }, formatMoney(c.value))))));
}
