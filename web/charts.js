// Charts with uPlot (served from its WebJar): a line chart over months and a bar chart over
// categories. Each chart is a <figure> with a caption and the same numbers as a table for screen
// readers, and it follows its container's width.
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { h, empty } from './lib/dom.js';

export const COLORS = { rep: '#0f766e', team: '#94a3b8', accent: '#c2410c' };

function axisStyle() {
  return { stroke: '#475569', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } };
}

/**
 * @param spec { title, labels: [string], series: [{ label, values: [number|null], color, bars }], format(value) → string,
 *               yRange: [min, max] (optional), emptyText }
 */
export function chart(spec) {
  const figure = h('figure', { class: 'chart', 'aria-label': spec.title });
  const caption = h('figcaption', {}, spec.title);
  const hasData = spec.series.some((s) => s.values.some((v) => v !== null && v !== undefined && v !== 0));
  if (!hasData) {
    figure.append(caption, empty(spec.emptyText || 'No data yet.'));
    return figure;
  }
  const plot = h('div', { class: 'plot', 'aria-hidden': 'true' });
  figure.append(caption, plot, dataTable(spec));
  const format = spec.format || ((v) => String(v));
  const xs = spec.labels.map((_, i) => i);
  const bars = uPlot.paths.bars({ size: [0.7, 48], gap: 2 });
  const options = {
    width: 400,
    height: 190,
    legend: { show: spec.series.length > 1, live: false },
    cursor: { show: true, drag: { x: false, y: false }, points: { show: false } },
    scales: {
      x: { time: false, range: [-0.6, xs.length - 0.4] },
      y: spec.yRange ? { range: spec.yRange } : { range: (u, min, max) => [0, Math.max(max * 1.1, 1)] },
    },
    axes: [
      { ...axisStyle(), values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) && spec.labels[t] !== undefined ? spec.labels[t] : '')), space: 28, gap: 4, size: 36 },
      { ...axisStyle(), values: (u, ticks) => ticks.map(format), size: 56 },
    ],
    series: [{ label: 'x' }, ...spec.series.map((s) => ({
      label: s.label,
      stroke: s.color,
      width: s.bars ? 0 : 2,
      fill: s.bars ? s.color : undefined,
      paths: s.bars ? bars : undefined,
      points: { show: !s.bars, size: 5, fill: s.color },
      spanGaps: false,
      value: (u, v) => (v === null || v === undefined ? '—' : format(v)),
    }))],
  };
  const u = new uPlot(options, [xs, ...spec.series.map((s) => s.values)], plot);
  const resize = () => {
    const width = Math.max(240, Math.floor(plot.clientWidth));
    if (width !== u.width) {
      u.setSize({ width, height: 190 });
    }
  };
  const observer = new ResizeObserver(resize);
  observer.observe(plot);
  requestAnimationFrame(resize);
  figure.destroy = () => { observer.disconnect(); u.destroy(); };
  return figure;
}

function dataTable(spec) {
  const format = spec.format || ((v) => String(v));
  return h('table', { class: 'sr-only' },
    h('caption', {}, spec.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), spec.series.map((s) => h('th', { scope: 'col' }, s.label)))),
    h('tbody', {}, spec.labels.map((label, i) => h('tr', {},
      h('th', { scope: 'row' }, label),
      spec.series.map((s) => h('td', {}, s.values[i] === null || s.values[i] === undefined ? '—' : format(s.values[i])))))));
}
