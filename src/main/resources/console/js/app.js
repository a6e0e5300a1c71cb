// The console's entry: a hash router over the views, and the API endpoint setting.

import { apiBase, setApiBase } from './api.js';
import { machinesView } from './views/machines.js';
import { machineView } from './views/machine.js';
import { executionView } from './views/execution.js';
import { editorView } from './views/editor.js';

const ROUTES = [
  [/^#\/machine\/(.+)$/, (m) => machineView(decodeURIComponent(m[1]))],
  [/^#\/execution\/(.+)$/, (m) => executionView(decodeURIComponent(m[1]))],
  [/^#\/editor\/(.+)$/, (m) => editorView(decodeURIComponent(m[1]))],
  [/^#\/editor$/, () => editorView(null)],
  [/^(#\/?)?$/, () => machinesView()],
];

let current = null; // the shown view's handle: { element, dispose() }

async function route() {
  current?.dispose?.();
  const main = document.getElementById('main');
  const hash = location.hash;
  const match = ROUTES.map(([re, view]) => [re.exec(hash), view]).find(([m]) => m);
  const view = match ? match[1](match[0]) : { element: notFound(hash) };
  current = await view;
  main.replaceChildren(current.element);
  const heading = main.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} · Stepwise console`;
  }
}

function notFound(hash) {
  const p = document.createElement('p');
  p.textContent = `Nothing at ${hash}.`;
  return p;
}

function settings() {
  const form = document.getElementById('settings');
  const input = document.getElementById('api-base');
  input.value = apiBase() === `${location.origin}/` ? '' : apiBase();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setApiBase(input.value);
    route();
  });
}

window.addEventListener('hashchange', route);
settings();
route();
