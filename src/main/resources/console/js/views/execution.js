// One execution: the graph coloured by each state's status (derived from the history), polled
// while RUNNING; the execution's input and output; a side panel with the selected state's input,
// output, error and cause; Stop, Redrive and New execution (prefilled with this input); the
// event history table.

import { call, all } from '../api.js';
import { h, formatDate, arnName, announce, prettyJson } from '../dom.js';
import { drawDefinition } from '../graph-panel.js';
import { historyStatus, STATUSES } from '../history-status.js';
import { failureOf } from '../state-failure.js';
import { mapCountsText } from '../graph-view.js';
import { errorBox, jsonBlock, loading, statusBadge } from './common.js';
import { historyTable } from './history-table.js';
import { startExecutionForm } from './machine.js';

const POLL_MS = 1000;
/** Large histories are polled less often. */
const LARGE_HISTORY = 2000;
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
  const again = h('button', { type: 'button', id: 'new-execution', disabled: true, 'aria-expanded': 'false' }, 'New execution');
  const startSlot = h('div', {});
  const input = h('div', { id: 'input-pane' }, loading());
  const output = h('div', { id: 'output-pane' }, loading());
  const graph = h('div', { class: 'graph-panel', id: 'execution-graph', 'aria-label': 'Execution graph' }, loading());
  const side = h('aside', { class: 'side-panel', id: 'state-panel', 'aria-label': 'Selected state', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Select a state in the graph (click, or Tab to it and press Enter) to see its input, output and error.'));
  const events = historyTable();
  const element = h('section', { 'aria-labelledby': 'execution-title' },
    crumbs,
    h('div', { class: 'title-row' }, h('div', {}, title, ' ', badge),
      h('div', { class: 'actions' }, again, stop, redrive)),
    meta, failure, actionResult, startSlot,
    h('div', { class: 'io-panes' },
      h('section', { 'aria-labelledby': 'input-title' }, h('h2', { id: 'input-title' }, 'Input'), input),
      h('section', { 'aria-labelledby': 'output-title' }, h('h2', { id: 'output-title' }, 'Output'), output)),
    h('div', { class: 'execution-layout' },
      h('div', {}, legendList(), graph),
      side),
    events.element);

  let disposed = false;
  let timer = null;
  let definition = null;
  let selected = null;
  let summary = null;
  let history = [];
  let execution = null;
  let startForm = null;
  const evaluated = new Map(); // Fail states' computed error and cause, by state name and input

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
    events.show(history, summary, execution.startDate);
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
    again.disabled = false;
    if (execution.error !== undefined || execution.cause !== undefined) {
      failure.replaceChildren(h('div', { class: 'failure-box', role: 'alert', id: 'execution-failure' },
        h('strong', {}, h('span', { 'aria-hidden': 'true' }, '✕ '), execution.error ?? 'Error'),
        execution.cause ? h('pre', { class: 'cause' }, execution.cause) : ''));
    } else {
      failure.replaceChildren();
    }
    showData(input, execution.input, 'Execution input', 'No input recorded.');
    const outputNote = execution.status === 'RUNNING' ? 'No output yet: the execution is running.'
      : `No output: the execution ${execution.status === 'SUCCEEDED' ? 'returned none' : `ended ${execution.status}`}.`;
    showData(output, execution.output, 'Execution output', outputNote);
  }

  async function redraw() {
    // Keep the reader's place: the view's zoom and pan survive a refresh (graph-viewport.js), and
    // so does the focused state.
    const focused = document.activeElement?.closest?.('[data-state]')?.getAttribute('data-state');
    await drawDefinition(graph, definition, { summary, selected, onSelect: select });
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
      failureBox(selected),
      state ? h('h3', {}, 'Input') : '', state ? jsonBlock(state.input, `Input of ${selected}`) : '',
      state?.output !== null && state?.output !== undefined ? [h('h3', {}, 'Output'), jsonBlock(state.output, `Output of ${selected}`)] : ''));
  }

  /** The selected state's error and cause: from its events, else from its definition or the state inside it that failed. */
  function failureBox(name) {
    let asl;
    try {
      asl = JSON.parse(definition);
    } catch {
      return '';
    }
    const found = failureOf(asl, summary, name);
    if (!found) return '';
    let { error, cause } = found;
    if (found.evaluate) {
      const key = `${found.from}\u0000${found.evaluate.input}`;
      const result = evaluated.get(key);
      if (result === undefined) {
        evaluated.set(key, null);
        evaluate(found.evaluate).then((value) => {
          evaluated.set(key, value);
          if (selected === name) showSelected();
        });
      } else if (result) {
        error = result.error ?? error;
        cause = result.cause ?? cause;
      }
    }
    return h('div', { class: 'failure-box', id: 'state-error' },
      h('strong', {}, error ?? 'Error'),
      cause ? h('pre', { class: 'cause' }, cause) : '',
      found.from !== name ? h('p', { class: 'meta', id: 'state-error-from' }, `Raised by the state ${found.from}.`) : '');
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
  again.addEventListener('click', () => {
    if (!startForm) {
      startForm = startExecutionForm(execution.stateMachineArn, prettyJson(execution.input ?? '{}'));
      startForm.hidden = false;
      startSlot.replaceChildren(startForm);
    } else {
      startForm.hidden = !startForm.hidden;
    }
    again.setAttribute('aria-expanded', String(!startForm.hidden));
    if (!startForm.hidden) startForm.querySelector('textarea').focus();
  });

  refresh();
  return {
    element,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The engine's error and cause of a Fail state for its input (TestState), or false when it cannot tell. */
async function evaluate({ state, input }) {
  try {
    const answer = await call('TestState', { definition: JSON.stringify(state), input: input ?? '{}' });
    return answer.status === 'FAILED' ? { error: answer.error, cause: answer.cause } : false;
  } catch {
    return false;
  }
}

function showData(container, text, label, empty) {
  container.replaceChildren(text === undefined || text === null ? h('p', { class: 'hint' }, empty) : jsonBlock(text, label));
}

function legendList() {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUSES).map(([status, look]) => h('li', { class: `badge status-${status}` },
      h('span', { 'aria-hidden': 'true' }, look.icon), ` ${look.text}`)),
    h('li', { class: 'legend-edge catch' }, 'Catch (dashed)'),
    h('li', { class: 'legend-edge default' }, 'Default (dotted)'));
}
