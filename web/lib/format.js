// How every page writes numbers, money, dates and versions: one place, one locale ("en-US" numbers,
// "en-GB" dates), and '—' where a value is missing.

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('en-US');
const month = new Intl.DateTimeFormat('en-GB', { month: 'short' });
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short' });

const missing = (value) => value === null || value === undefined;

export function formatMoney(value) {
  return missing(value) ? '—' : money.format(value);
}

/** Money on a chart axis: "$850", "$12k". */
export function formatMoneyShort(value) {
  return value >= 1000 ? `$${Math.round(value / 1000)}k` : `$${Math.round(value)}`;
}

/** A count with thousands separators; a missing one is 0. */
export function formatNumber(value) {
  return number.format(value || 0);
}

/** A number with `digits` decimals (a score, a ratio). */
export function formatDecimal(value, digits = 1) {
  return missing(value) ? '—' : value.toFixed(digits);
}

/** A coverage ratio: "2.5×". */
export function formatRatio(value) {
  return `${formatDecimal(value)}×`;
}

export function formatPercent(ratio, digits = 0) {
  return missing(ratio) ? '—' : `${(ratio * 100).toFixed(digits)}%`;
}

/** A number of days, rounded: "42 days" (short: "42 d"). */
export function formatDays(days, short = false) {
  return `${Math.round(days)}${short ? ' d' : ' days'}`;
}

/** How long something took: "0.8 s", "12 s". */
export function formatDuration(millis) {
  const seconds = (millis || 0) / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

/** `one` or `many` (default `one` + "s") to go with the count `n`. */
export function plural(n, one, many = `${one}s`) {
  return n === 1 ? one : many;
}

export function formatDate(value) {
  if (!value) {
    return '—';
  }
  const date = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(value) {
  if (!value) {
    return '—';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value
    : date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "2024-03" → "Mar". */
export function formatMonth(yearMonth) {
  return month.format(new Date(`${yearMonth}-01T00:00:00`));
}

/** "2024-03-05" → "Tue". */
export function formatWeekday(day) {
  return weekday.format(new Date(`${day}T00:00:00`));
}

/** Today plus `days`, as YYYY-MM-DD in local time. */
export function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The short form of a rule-set version (a content hash). */
export function shortVersion(version) {
  return version ? version.slice(0, 12) : 'unknown';
}

/** Where a rule lives: "pack/file.drl:12" (no line: just the file). */
export function formatPlace(file, line) {
  return `${file}${line ? `:${line}` : ''}`;
}

/** "moses.frase" → "Moses Frase", for ids where no name is at hand. */
export function nameFromId(id) {
  return (id || '').split(/[._-]/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join(' ');
}
