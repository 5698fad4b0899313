// Building the page with DOM APIs only: every piece of text goes in through textContent (via h()),
// never through innerHTML, so nothing the server or a user typed can become markup. Also the pieces
// every page shows: loading, empty, an error (an ApiError's message), a toast, a badge, a heading.
import { formatPlace, shortVersion } from './format.js';

/**
 * Creates an element. `props`: `class`, `text`, `on` ({ event: handler }), `dataset`, `style` (CSS text), any other key
 * becomes an attribute (false/null/undefined leave it out, true sets it empty). Children: nodes,
 * strings (as text), arrays of them; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        el.addEventListener(event, handler);
      }
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'style') {
      el.style.cssText = value; // through the CSSOM: the page's policy admits no style attribute
    } else if (key === 'value' && 'value' in el) {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Appends children as h() does (skipping null and false, strings as text). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Replaces an element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

export function empty(title, hint) {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title', text: title }), hint ? h('p', { class: 'muted', text: hint }) : null);
}

/** An error a person can act on, with a retry button when `retry` is given. */
export function errorBox(error, retry) {
  return h('div', { class: 'banner error', role: 'alert' },
    h('p', { text: error && error.message ? error.message : String(error) }),
    retry ? h('button', { type: 'button', class: 'secondary', on: { click: retry } }, 'Try again') : null);
}

/** A short message in the corner, also read out by screen readers. */
export function toast(message, kind = 'ok') {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  box.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || ''}` }, text);
}

/**
 * The "why" of a piece of guidance: the rule that produced it, where it lives, the facts it matched
 * and the rule-set version. A native <details>, so it opens with the keyboard.
 */
export function whyPanel(item, ruleSetVersion, extra = []) {
  const rule = item.rule || {};
  const where = rule.file ? formatPlace(rule.file, rule.line) : 'unknown file';
  return h('details', { class: 'why' },
    h('summary', {}, 'Why?'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Rule'), h('dd', {}, rule.name || '—'),
      h('dt', {}, 'Where'), h('dd', {}, h('code', {}, where)),
      rule.category ? [h('dt', {}, 'Category'), h('dd', {}, rule.category)] : null,
      item.priority !== undefined ? [h('dt', {}, 'Priority'), h('dd', {}, String(item.priority))] : null,
      extra,
      h('dt', {}, 'Facts matched'),
      h('dd', {}, item.facts && item.facts.length
        ? h('ul', { class: 'plain' }, item.facts.map((f) => h('li', {}, f)))
        : 'none recorded'),
      h('dt', {}, 'Rule set'), h('dd', {}, h('code', { class: 'version' }, shortVersion(ruleSetVersion)))));
}

/** A page heading with an optional line under it; the heading takes focus after navigation. */
export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), subtitle ? h('p', { class: 'muted subtitle' }, subtitle) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}
