// The shell: a small hash router, the navigation for the signed-in role, and sign-out.
import { session, signOut, onSessionExpired } from './lib/api.js';
import { h, mount, errorBox, toast } from './lib/dom.js';
import { home, ROLE_LABEL } from './roles.js';
import * as signin from './views/signin.js';
import * as myDay from './views/my-day.js';
import * as deal from './views/deal.js';
import * as inbox from './views/inbox.js';
import * as repView from './views/rep.js';
import * as studio from './views/studio.js';
import * as importView from './views/import.js';
import * as teamView from './views/team.js';
import * as director from './views/director.js';
import * as territories from './views/territories.js';

const ROUTES = [
  { pattern: /^\/signin$/, view: signin, roles: null, title: 'Sign in' },
  { pattern: /^\/my-day$/, view: myDay, roles: ['rep'], title: 'My day' },
  { pattern: /^\/deals\/([^/]+)$/, view: deal, roles: ['rep', 'manager', 'ops', 'admin', 'director'], title: 'Deal', keys: ['id'] },
  { pattern: /^\/inbox$/, view: inbox, roles: ['manager', 'ops', 'admin'], title: 'Coaching inbox' },
  { pattern: /^\/team\/([^/]+)$/, view: repView, roles: ['manager', 'ops', 'admin', 'director'], title: 'Rep', keys: ['repId'] },
  { pattern: /^\/team$/, view: teamView, roles: ['manager'], title: 'My team' },
  { pattern: /^\/teams\/([^/]+)$/, view: teamView, roles: ['manager', 'ops', 'admin', 'director'], title: 'Team', keys: ['managerId'] },
  { pattern: /^\/director$/, view: director, roles: ['director', 'ops', 'admin'], title: 'Director' },
  { pattern: /^\/territories$/, view: territories, roles: ['ops', 'admin', 'director'], title: 'Territories' },
  { pattern: /^\/studio$/, view: studio, roles: ['ops', 'admin'], title: 'Rules studio' },
  { pattern: /^\/import$/, view: importView, roles: ['ops', 'admin'], title: 'Import' },
];

const NAV = [
  { href: '#/my-day', label: 'My day', roles: ['rep'] },
  { href: '#/team', label: 'My team', roles: ['manager'] },
  { href: '#/director', label: 'Teams', roles: ['director', 'ops', 'admin'] },
  { href: '#/inbox', label: 'Coaching inbox', roles: ['manager', 'ops', 'admin'] },
  { href: '#/territories', label: 'Territories', roles: ['ops', 'admin', 'director'] },
  { href: '#/studio', label: 'Rules studio', roles: ['ops', 'admin'] },
  { href: '#/import', label: 'Import', roles: ['ops', 'admin'] },
];


let cleanup = null;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

function renderChrome(s, path) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!s) {
    mount(nav);
    mount(who);
    return;
  }
  mount(nav, h('ul', {}, NAV.filter((item) => item.roles.includes(s.role)).map((item) => {
    const current = path.startsWith(item.href.slice(1)) || (item.href === '#/inbox' && path.startsWith('/team/'));
    return h('li', {}, h('a', { href: item.href, 'aria-current': current ? 'page' : null }, item.label));
  })));
  mount(who,
    h('span', { class: 'user' }, h('span', { class: 'user-name' }, s.username), h('span', { class: 'user-role' }, ROLE_LABEL[s.role] || s.role)),
    h('button', {
      type: 'button', class: 'secondary small', id: 'sign-out',
      on: { click: () => { signOut(); location.hash = '#/signin'; } },
    }, 'Sign out'));
}

async function route() {
  const { path, query } = parseHash();
  const s = session();
  if (!s && path !== '/signin') {
    location.replace('#/signin');
    return;
  }
  if (s && (path === '/' || path === '/signin')) {
    location.replace(home(s.role));
    return;
  }
  const match = ROUTES.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
  if (!match) {
    location.replace(s ? home(s.role) : '#/signin');
    return;
  }
  if (match.r.roles && !match.r.roles.includes(s.role)) {
    toast(`“${match.r.title}” is not available to your role; here is your start page.`, 'warn');
    location.replace(home(s.role));
    return;
  }
  const params = {};
  (match.r.keys || []).forEach((key, i) => { params[key] = decodeURIComponent(match.m[i + 1]); });
  if (typeof cleanup === 'function') {
    cleanup();
  }
  cleanup = null;
  renderChrome(s, path);
  document.title = `${match.r.title} · Pandu`;
  const main = document.getElementById('main');
  main.dataset.view = match.r.title.toLowerCase().replace(/\s+/g, '-');
  try {
    cleanup = await match.r.view.render(main, { params, query, session: s });
  } catch (e) {
    mount(main, errorBox(e, () => route()));
  }
  const heading = main.querySelector('h1');
  if (heading && document.activeElement === document.body) {
    heading.focus({ preventScroll: true });
  }
}

onSessionExpired(() => {
  toast('Your session has ended. Please sign in again.', 'warn');
  location.hash = '#/signin';
});

window.addEventListener('hashchange', route);
route();
