// One state machine: its graph, a Start button with an input editor, and its executions
// (ListExecutions with a status filter, paged with nextToken).

import { call } from '../api.js';
import { h, formatDate, announce } from '../dom.js';
import { drawDefinition } from '../graph-panel.js';
import { errorBox, loading, statusBadge, EXECUTION_STATUSES } from './common.js';

export function machineView(arn) {
  const title = h('h1', { id: 'machine-title' }, arn.split(':').pop());
  const meta = h('p', { class: 'meta' });
  const graph = h('div', { class: 'graph-panel', 'aria-label': 'Definition graph' }, loading());
  const startPanel = startExecutionForm(arn, '{}');
  const executions = executionsList(arn);
  const element = h('section', { 'aria-labelledby': 'machine-title' },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'State machines'), ' / '),
    h('div', { class: 'title-row' }, title,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'start-execution', 'aria-expanded': 'false', 'aria-controls': 'start-form',
          onclick: (event) => toggle(startPanel, event.currentTarget) }, 'Start execution'),
        h('a', { class: 'button', href: `#/editor/${encodeURIComponent(arn)}` }, 'Edit definition'))),
    meta, startPanel,
    h('div', { class: 'split' },
      h('div', {}, h('h2', {}, 'Definition'), graph),
      h('div', {}, executions.element)));

  call('DescribeStateMachine', { stateMachineArn: arn }).then((machine) => {
    title.textContent = machine.name;
    meta.replaceChildren(`${machine.type} · created ${formatDate(machine.creationDate)} · `, h('code', {}, arn));
    drawDefinition(graph, machine.definition);
  }).catch((e) => graph.replaceChildren(errorBox(e, 'DescribeStateMachine')));
  return { element, dispose: executions.dispose };
}

function toggle(panel, button) {
  panel.hidden = !panel.hidden;
  button.setAttribute('aria-expanded', String(!panel.hidden));
  if (!panel.hidden) panel.querySelector('textarea').focus();
}

/** The StartExecution form (hidden until asked for), its input prefilled with {@code initialInput}. */
export function startExecutionForm(arn, initialInput) {
  const input = h('textarea', { id: 'execution-input', rows: 6, spellcheck: 'false', class: 'code' }, initialInput);
  const name = h('input', { id: 'execution-name', type: 'text', placeholder: 'generated when empty', maxlength: 80 });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'start-form', class: 'card', hidden: true, 'aria-label': 'Start execution' },
    h('label', { for: 'execution-input' }, 'Input (JSON)'), input,
    h('label', { for: 'execution-name' }, 'Name (optional)'), name,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Start')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      JSON.parse(input.value);
    } catch (e) {
      result.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, `The input is not JSON: ${e.message}`));
      return;
    }
    try {
      const started = await call('StartExecution', {
        stateMachineArn: arn, input: input.value, ...(name.value.trim() ? { name: name.value.trim() } : {}),
      });
      announce('Execution started');
      location.hash = `#/execution/${encodeURIComponent(started.executionArn)}`;
    } catch (e) {
      result.replaceChildren(errorBox(e, 'StartExecution'));
    }
  });
  return form;
}

function executionsList(arn) {
  const filter = h('select', { id: 'status-filter' },
    h('option', { value: '' }, 'All statuses'),
    Object.entries(EXECUTION_STATUSES).map(([value, look]) => h('option', { value }, look.text)));
  const body = h('tbody');
  const status = h('div', {});
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let nextToken = null;
  let generation = 0;

  async function load(reset) {
    const mine = reset ? ++generation : generation;
    if (reset) {
      nextToken = null;
      body.replaceChildren();
      status.replaceChildren(loading());
    }
    try {
      const page = await call('ListExecutions', {
        stateMachineArn: arn, maxResults: 20,
        ...(filter.value ? { statusFilter: filter.value } : {}), ...(nextToken ? { nextToken } : {}),
      });
      if (mine !== generation) return;
      status.replaceChildren();
      for (const execution of page.executions ?? []) {
        body.append(h('tr', {},
          h('td', {}, h('a', { href: `#/execution/${encodeURIComponent(execution.executionArn)}` }, execution.name)),
          h('td', {}, statusBadge(execution.status)),
          h('td', {}, formatDate(execution.startDate)),
          h('td', {}, formatDate(execution.stopDate))));
      }
      if (!body.children.length) status.replaceChildren(h('p', {}, 'No executions.'));
      nextToken = page.nextToken ?? null;
      more.hidden = !nextToken;
    } catch (e) {
      status.replaceChildren(errorBox(e, 'ListExecutions'));
    }
  }
  filter.addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));
  load(true);
  const element = h('div', { class: 'executions' },
    h('div', { class: 'title-row' }, h('h2', {}, 'Executions'),
      h('div', { class: 'actions' }, h('label', { for: 'status-filter' }, 'Status '), filter,
        h('button', { type: 'button', onclick: () => load(true) }, 'Refresh'))),
    h('table', { class: 'list', 'aria-label': 'Executions' },
      h('thead', {}, h('tr', {}, ...['Name', 'Status', 'Started', 'Ended'].map((t) => h('th', { scope: 'col' }, t)))),
      body),
    status, more);
  return { element, dispose: () => { generation += 1; } };
}
