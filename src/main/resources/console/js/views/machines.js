// The state machines list (ListStateMachines, paged with nextToken).

import { call } from '../api.js';
import { h, formatDate } from '../dom.js';
import { errorBox, loading } from './common.js';

export function machinesView() {
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const status = h('div', {}, loading());
  let nextToken = null;

  async function load() {
    try {
      const page = await call('ListStateMachines', { maxResults: 50, ...(nextToken ? { nextToken } : {}) });
      status.replaceChildren();
      for (const machine of page.stateMachines ?? []) {
        body.append(h('tr', {},
          h('td', {}, h('a', { href: `#/machine/${encodeURIComponent(machine.stateMachineArn)}` }, machine.name)),
          h('td', {}, machine.type),
          h('td', {}, formatDate(machine.creationDate))));
      }
      if (!body.children.length) status.replaceChildren(h('p', {}, 'No state machines yet. ', h('a', { href: '#/editor' }, 'Create one'), '.'));
      nextToken = page.nextToken ?? null;
      more.hidden = !nextToken;
    } catch (e) {
      status.replaceChildren(errorBox(e, 'ListStateMachines'));
    }
  }
  more.addEventListener('click', load);
  load();
  const element = h('section', { 'aria-labelledby': 'machines-title' },
    h('div', { class: 'title-row' },
      h('h1', { id: 'machines-title' }, 'State machines'),
      h('a', { class: 'button primary', href: '#/editor' }, 'Create state machine')),
    h('table', { class: 'list', 'aria-label': 'State machines' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Created'))),
      body),
    status, more);
  return { element };
}
