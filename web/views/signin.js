// Sign in: user name and password; the role that comes back decides the start page. The demo
// accounts are offered only when the server says it runs the demo (GET /api/v1/auth/options).
import { api, signIn } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { home } from '../roles.js';

export function render(root) {
  const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title', tabindex: '-1' }, 'Sign in to Pandu'),
    h('p', { class: 'muted' }, 'Guided selling: the next best thing to do on every deal, and why.'),
    h('label', { for: 'username' }, 'User name'), username,
    h('label', { for: 'password' }, 'Password'), password,
    error,
    submit);
  showDemoHint(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!username.value.trim() || !password.value) {
      error.textContent = 'Enter your user name and password.';
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const s = await signIn(username.value.trim(), password.value);
      location.hash = home(s.role);
    } catch (e) {
      error.textContent = e.message;
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  mount(root, h('div', { class: 'signin-wrap' }, form));
  username.focus();
}

/** Adds the demo accounts to the form when the server runs the demo; says nothing otherwise. */
async function showDemoHint(form) {
  let options;
  try {
    options = await api('/api/v1/auth/options', { auth: false });
  } catch {
    options = null; // no hint is the safe default: the sign-in itself still works or says why not
  }
  const demo = Boolean(options && options.demo === true);
  form.dataset.demo = String(demo); // known now, with or without the hint
  if (!demo || !form.isConnected) {
    return;
  }
  form.append(h('details', { class: 'hint' },
    h('summary', {}, 'Trying the demo?'),
    h('p', {}, 'Every rep and manager of the demo data signs in as first.last in lower case, with the password “demo”. For example:'),
    h('ul', {},
      h('li', {}, h('code', {}, 'moses.frase'), ' — a sales rep'),
      h('li', {}, h('code', {}, 'dustin.brinkmann'), ' — a sales manager'),
      h('li', {}, h('code', {}, 'ops'), ' — sales operations'),
      h('li', {}, h('code', {}, 'director'), ' — a sales director (every team, read-only)'))));
}
