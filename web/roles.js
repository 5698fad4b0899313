// What each role is called and where it starts.
export const ROLE_LABEL = { rep: 'Sales rep', manager: 'Manager', ops: 'Sales ops', admin: 'Administrator', director: 'Sales director' };

export function home(role) {
  return { rep: '#/my-day', manager: '#/inbox', ops: '#/studio', admin: '#/studio', director: '#/director' }[role] || '#/signin';
}
