// Pieces the views share: error boxes, status badges, JSON blocks.

import { h, prettyJson } from '../dom.js';

/** Execution statuses as the API names them, each with text and an icon besides its colour. */
export const EXECUTION_STATUSES = {
  RUNNING: { text: 'Running', icon: '▶', cls: 'running' },
  SUCCEEDED: { text: 'Succeeded', icon: '✓', cls: 'succeeded' },
  FAILED: { text: 'Failed', icon: '✕', cls: 'failed' },
  TIMED_OUT: { text: 'Timed out', icon: '⏱', cls: 'failed' },
  ABORTED: { text: 'Aborted', icon: '⊘', cls: 'aborted' },
  PENDING_REDRIVE: { text: 'Pending redrive', icon: '↻', cls: 'running' },
};

export function statusBadge(status) {
  const look = EXECUTION_STATUSES[status] ?? { text: status, icon: '?', cls: 'none' };
  return h('span', { class: `badge status-${look.cls}`, 'data-status': status },
    h('span', { 'aria-hidden': 'true' }, look.icon), ` ${look.text}`);
}

/** An API error shown where the action was, with its AWS error code and message. */
export function errorBox(error, what) {
  const code = error.code ?? error.name ?? 'Error';
  const message = error.apiMessage ?? (error.code ? '' : String(error.message ?? error));
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, `${what ?? 'Request'} failed: `), h('code', {}, code), message ? ` ${message}` : '');
}

export function jsonBlock(text, label) {
  return h('pre', { class: 'json', tabindex: 0, 'aria-label': label }, prettyJson(text));
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}
