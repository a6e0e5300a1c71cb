// History events for reading: the milliseconds since the execution started (AWS's console calls
// it "Started After"), and an event's details with the JSON texts inside them (input, output,
// parameters, result, ...) shown as JSON rather than as escaped strings. Pure: node --test checks it.

import { detailsOf } from './history-status.js';

/** An API timestamp (epoch seconds, with a fraction, as AWS JSON 1.0 sends them) or date text, in epoch ms. */
export function epochMillis(value) {
  if (typeof value === 'number') return Math.round(value * 1000);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Milliseconds from {@code start} to the event, or '' when either time is unknown. */
export function elapsedMillis(event, start) {
  const at = epochMillis(event.timestamp);
  const from = epochMillis(start);
  return at === null || from === null ? '' : Math.max(0, at - from);
}

function parsedJson(value) {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

/** The event's details as indented JSON, nested JSON texts expanded; '' for an event without details. */
export function detailsText(event) {
  const details = detailsOf(event);
  if (!Object.keys(details).length) return '';
  const shown = Object.fromEntries(Object.entries(details).map(([key, value]) => [key, parsedJson(value)]));
  return JSON.stringify(shown, null, 2);
}

/** A one-line summary of a collapsed row: the error of a failure, else the resource of a task. */
export function detailsSummary(event) {
  const details = detailsOf(event);
  if (details.error !== undefined || details.cause !== undefined) return [details.error, details.cause].filter(Boolean).join(': ');
  return details.resource ?? '';
}
