// One execution: the graph coloured by each state's status (derived from the history), polled
// while RUNNING; a side panel with the selected state's input, output, error and cause; Stop and
// Redrive; the event history table.

import { call, all } from '../api.js';
import { h, formatDate, arnName, announce } from '../dom.js';
import { drawDefinition } from '../graph-panel.js';
import { historyStatus, detailsOf, STATUSES } from '../history-status.js';
import { mapCountsText } from '../graph-view.js';
import { errorBox, jsonBlock, loading, statusBadge } from './common.js';

const POLL_MS = 1000;
/** Large histories are polled less often and only their newest events are listed. */
const LARGE_HISTORY = 2000;
const LISTED_EVENTS = 500;
const REDRIVABLE = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

export function executionView(arn) {
  const title = h('h1', { id: 'execution-title' }, arnName(arn));
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'State machines'), ' / ');
  const badge = h('span', { id: 'execution-status' });
  const meta = h('p', { class: 'meta' });
  const failure = h('div', {});
  const actionResult = h('div', { id: 'action-result', 'aria-live': 'polite' });
  const stop = h('button', { type: 'button', id: 'stop-execution', disabled: true }, 'Stop');
  const redrive = h('button', { type: 'button', id: 'redrive-execution', disabled: true }, 'Redrive');
  const graph = h('div', { class: 'graph-panel', id: 'execution-graph', 'aria-label': 'Execution graph' }, loading());
  const legend = legendList();
  const side = h('aside', { class: 'side-panel', id: 'state-panel', 'aria-label': 'Selected state', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Select a state in the graph (click, or Tab to it and press Enter) to see its input, output and error.'));
  const events = h('tbody');
  const eventsNote = h('p', { class: 'meta' });
  const element = h('section', { 'aria-labelledby': 'execution-title' },
    crumbs,
    h('div', { class: 'title-row' }, h('div', {}, title, ' ', badge),
      h('div', { class: 'actions' }, stop, redrive)),
    meta, failure, actionResult,
    h('div', { class: 'execution-layout' },
      h('div', {}, legend, graph),
      side),
    h('h2', { id: 'events-title' }, 'Event history'), eventsNote,
    h('div', { class: 'table-scroll' },
      h('table', { class: 'list events', 'aria-labelledby': 'events-title' },
        h('thead', {}, h('tr', {}, ...['ID', 'Type', 'State', 'Time', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
        events)));

  let disposed = false;
  let timer = null;
  let definition = null;
  let selected = null;
  let summary = null;
  let history = [];
  let execution = null;

  async function refresh() {
    timer = null;
    try {
      execution = await call('DescribeExecution', { executionArn: arn });
      if (!definition) {
        const machine = await call('DescribeStateMachineForExecution', { executionArn: arn });
        definition = machine.definition;
        crumbs.replaceChildren(h('a', { href: '#/' }, 'State machines'), ' / ',
          h('a', { href: `#/machine/${encodeURIComponent(execution.stateMachineArn)}` }, machine.name), ' / ');
      }
      history = await all('GetExecutionHistory', { executionArn: arn, maxResults: 1000, includeExecutionData: true }, 'events', 25000);
    } catch (e) {
      if (!disposed) failure.replaceChildren(errorBox(e, 'Loading the execution'));
      schedule();
      return;
    }
    if (disposed) return;
    showExecution();
    summary = historyStatus(history, execution.status);
    await redraw();
    showEvents();
    showSelected();
    schedule();
  }

  function schedule() {
    if (!disposed && (!execution || execution.status === 'RUNNING')) {
      timer = setTimeout(refresh, history.length > LARGE_HISTORY ? 3 * POLL_MS : POLL_MS);
    }
  }

  function showExecution() {
    title.textContent = execution.name;
    badge.replaceChildren(statusBadge(execution.status));
    meta.replaceChildren(`Started ${formatDate(execution.startDate)}`,
      execution.stopDate ? ` · ended ${formatDate(execution.stopDate)}` : '',
      execution.redriveCount ? ` · redriven ${execution.redriveCount}×` : '');
    stop.disabled = execution.status !== 'RUNNING';
    redrive.disabled = !REDRIVABLE.has(execution.status);
    if (execution.error !== undefined || execution.cause !== undefined) {
      failure.replaceChildren(h('div', { class: 'failure-box', role: 'alert', id: 'execution-failure' },
        h('strong', {}, h('span', { 'aria-hidden': 'true' }, '✕ '), execution.error ?? 'Error'),
        execution.cause ? h('pre', { class: 'cause' }, execution.cause) : ''));
    } else {
      failure.replaceChildren();
    }
  }

  async function redraw() {
    // Keep the reader's place: scroll position and the focused state survive a refresh.
    const focused = document.activeElement?.closest?.('[data-state]')?.getAttribute('data-state');
    const { scrollTop, scrollLeft } = graph;
    await drawDefinition(graph, definition, { summary, selected, onSelect: select });
    graph.scrollTop = scrollTop;
    graph.scrollLeft = scrollLeft;
    if (focused) graph.querySelector(`[data-state="${CSS.escape(focused)}"]`)?.focus();
  }

  function select(name) {
    selected = name;
    for (const node of graph.querySelectorAll('[data-state]')) {
      const on = node.getAttribute('data-state') === name;
      node.classList.toggle('selected', on);
      node.setAttribute('aria-pressed', String(on));
    }
    showSelected();
  }

  function showSelected() {
    if (!selected || !summary) return;
    const state = summary.states[selected];
    const status = state?.status ?? 'notStarted';
    const look = STATUSES[status];
    side.replaceChildren(h('div', {},
      h('h2', {}, selected),
      h('p', { class: `badge status-${status}`, id: 'state-status' }, h('span', { 'aria-hidden': 'true' }, look.icon), ` ${look.text}`),
      state ? h('p', { class: 'meta' }, `${state.type} state · entered ${state.visits}×`) : h('p', {}, 'This state has not run.'),
      state?.items ? h('p', { id: 'map-items' }, `Items: ${mapCountsText(state.items)}`) : '',
      state && (state.error !== null || state.cause !== null) ? h('div', { class: 'failure-box', id: 'state-error' },
        h('strong', {}, state.error ?? 'Error'), state.cause ? h('pre', { class: 'cause' }, state.cause) : '') : '',
      state ? h('h3', {}, 'Input') : '', state ? jsonBlock(state.input, `Input of ${selected}`) : '',
      state?.output !== null && state?.output !== undefined ? [h('h3', {}, 'Output'), jsonBlock(state.output, `Output of ${selected}`)] : ''));
  }

  function showEvents() {
    const listed = history.length > LISTED_EVENTS ? history.slice(-LISTED_EVENTS) : history;
    eventsNote.textContent = listed.length < history.length ? `The newest ${listed.length} of ${history.length} events.` : '';
    events.replaceChildren(...listed.map((event) => {
      const details = detailsOf(event);
      const text = Object.keys(details).length ? JSON.stringify(details) : '';
      return h('tr', { 'data-type': event.type, class: /Failed|TimedOut|Aborted/.test(event.type) ? 'event-failed' : '' },
        h('td', {}, event.id),
        h('td', {}, event.type),
        h('td', {}, details.name ?? summary.eventStates[event.id] ?? ''),
        h('td', {}, formatDate(event.timestamp)),
        h('td', { class: 'details' }, text.length > 160 ? h('span', { title: text }, `${text.slice(0, 159)}…`) : text));
    }));
  }

  async function act(button, action, done) {
    button.disabled = true;
    try {
      await call(action, { executionArn: arn });
      actionResult.replaceChildren(h('p', { class: 'ok' }, done));
      announce(done);
      if (!timer) refresh();
    } catch (e) {
      actionResult.replaceChildren(errorBox(e, action));
      button.disabled = false;
    }
  }
  stop.addEventListener('click', () => act(stop, 'StopExecution', 'Stop requested.'));
  redrive.addEventListener('click', () => act(redrive, 'RedriveExecution', 'Redrive started.'));

  refresh();
  return {
    element,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function legendList() {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUSES).map(([status, look]) => h('li', { class: `badge status-${status}` },
      h('span', { 'aria-hidden': 'true' }, look.icon), ` ${look.text}`)),
    h('li', { class: 'legend-edge catch' }, 'Catch (dashed)'),
    h('li', { class: 'legend-edge default' }, 'Default (dotted)'));
}
