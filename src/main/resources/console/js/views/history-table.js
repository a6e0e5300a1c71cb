// The event history table: a row per event with the milliseconds since the execution started; a
// row opens (its button, Enter or Space, or a click on the row) to show the event's details as
// indented JSON. Rows stay open across the refreshes of a running execution.

import { h, formatDate } from '../dom.js';
import { elapsedMillis, detailsText, detailsSummary } from '../history-format.js';
import { detailsOf } from '../history-status.js';

/** Large histories list only their newest events. */
const LISTED_EVENTS = 500;
const COLUMNS = ['ID', 'Type', 'State', 'Elapsed (ms)', 'Time', 'Summary'];

export function historyTable() {
  const body = h('tbody');
  const note = h('p', { class: 'meta' });
  const open = new Set(); // ids of the events whose details are shown
  let shown = { history: [], summary: null, start: null };

  function toggle(id) {
    if (open.has(id)) open.delete(id);
    else open.add(id);
    render();
  }

  function render() {
    const { history, summary, start } = shown;
    // Keep the reader's place: the focused disclosure button is focused again after the redraw.
    const focused = document.activeElement?.closest?.('tr[data-event]')?.getAttribute('data-event');
    const listed = history.length > LISTED_EVENTS ? history.slice(-LISTED_EVENTS) : history;
    note.textContent = listed.length < history.length ? `The newest ${listed.length} of ${history.length} events.` : '';
    body.replaceChildren(...listed.flatMap((event) => {
      const details = detailsOf(event);
      const text = detailsText(event);
      const expanded = open.has(event.id);
      const detailsId = `event-${event.id}-details`;
      const button = text ? h('button', {
        type: 'button', class: 'disclosure', 'aria-expanded': String(expanded), 'aria-controls': detailsId,
        'aria-label': `${expanded ? 'Hide' : 'Show'} details of event ${event.id}`,
        onclick: (e) => { e.stopPropagation(); toggle(event.id); },
      }, h('span', { 'aria-hidden': 'true' }, expanded ? '▾' : '▸')) : h('span', { class: 'disclosure-none' });
      const row = h('tr', {
        'data-type': event.type, 'data-event': event.id,
        class: ['event', /Failed|TimedOut|Aborted/.test(event.type) && 'event-failed', text && 'openable', expanded && 'open'],
        onclick: text ? () => toggle(event.id) : null,
      },
      h('td', { class: 'event-id' }, button, ` ${event.id}`),
      h('td', {}, event.type),
      h('td', {}, details.name ?? summary?.eventStates[event.id] ?? ''),
      h('td', { class: 'elapsed' }, String(elapsedMillis(event, start))),
      h('td', {}, formatDate(event.timestamp)),
      h('td', { class: 'summary' }, detailsSummary(event)));
      if (!expanded) return [row];
      return [row, h('tr', { class: 'event-details', id: detailsId },
        h('td', { colspan: COLUMNS.length }, h('pre', { class: 'json', tabindex: 0, 'aria-label': `Details of event ${event.id}` }, text)))];
    }));
    if (focused) body.querySelector(`tr[data-event="${focused}"] button`)?.focus();
  }

  const element = h('div', {},
    h('h2', { id: 'events-title' }, 'Event history'), note,
    h('div', { class: 'table-scroll' },
      h('table', { class: 'list events', 'aria-labelledby': 'events-title' },
        h('thead', {}, h('tr', {}, ...COLUMNS.map((t) => h('th', { scope: 'col' }, t)))),
        body)));
  return {
    element,
    /** Shows {@code history} (events in id order) of an execution that started at {@code start}. */
    show(history, summary, start) {
      // A running execution is polled every second: the rows change only when events were added.
      const same = history.length === shown.history.length && start === shown.start;
      shown = { history, summary, start };
      if (!same) render();
    },
  };
}
