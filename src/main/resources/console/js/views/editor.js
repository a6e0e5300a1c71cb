// The definition editor: a code editor (code-editor.js) that validates as you type with
// ValidateStateMachineDefinition (the engine's own diagnostics: code, location, message), marked
// in the text and listed below it; draws the graph, and creates or updates a machine.

import { call } from '../api.js';
import { h, announce } from '../dom.js';
import { drawDefinition } from '../graph-panel.js';
import { codeEditor } from '../code-editor.js';
import { errorBox } from './common.js';

const VALIDATE_AFTER_MS = 300;

const EXAMPLE = {
  Comment: 'A first state machine',
  StartAt: 'Hello',
  States: {
    Hello: { Type: 'Pass', Result: { greeting: 'hello' }, ResultPath: '$.hello', Next: 'Done?' },
    'Done?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Failed' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Asked.ToFail', Cause: 'The input asked for a failure' },
  },
};

export function editorView(arn) {
  const creating = arn === null;
  const name = h('input', { id: 'machine-name', type: 'text', required: true, maxlength: 80, autocomplete: 'off' });
  const type = h('select', { id: 'machine-type' }, h('option', { value: 'STANDARD' }, 'Standard'), h('option', { value: 'EXPRESS' }, 'Express'));
  const role = h('input', { id: 'machine-role', type: 'text', value: 'arn:aws:iam::123456789012:role/stepwise', size: 40 });
  const definition = h('div', { id: 'definition', class: 'definition-editor' });
  const diagnostics = h('div', { id: 'diagnostics', 'aria-live': 'polite' });
  const graph = h('div', { class: 'graph-panel', 'aria-label': 'Graph preview' });
  const result = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-machine' }, creating ? 'Create' : 'Update');
  const heading = h('h1', { id: 'editor-title' }, creating ? 'New state machine' : `Edit ${arn.split(':').pop()}`);
  const form = h('form', { class: 'editor', 'aria-labelledby': 'editor-title' },
    creating ? h('div', { class: 'fields' },
      h('label', { for: 'machine-name' }, 'Name'), name,
      h('label', { for: 'machine-type' }, 'Type'), type,
      h('label', { for: 'machine-role' }, 'Role ARN'), role) : '',
    h('div', { class: 'editor-layout' },
      h('div', {},
        h('p', { class: 'label', id: 'definition-label' }, 'Definition (Amazon States Language, JSON)'), definition,
        h('h2', {}, 'Validation'), diagnostics),
      h('div', {}, h('h2', {}, 'Graph'), graph)),
    h('div', { class: 'actions' }, save), result);
  const element = h('section', {},
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'State machines'), ' / '),
    heading, form);

  let timer = null;
  let generation = 0;
  let editor = null;
  async function validate() {
    const mine = ++generation;
    const text = editor.text();
    drawDefinition(graph, text);
    try {
      const answer = await call('ValidateStateMachineDefinition', { definition: text, severity: 'WARNING' });
      if (mine !== generation) return;
      showDiagnostics(diagnostics, answer);
      editor.showDiagnostics(answer.diagnostics ?? []);
    } catch (e) {
      if (mine === generation) diagnostics.replaceChildren(errorBox(e, 'ValidateStateMachineDefinition'));
    }
  }
  const edited = () => {
    clearTimeout(timer);
    timer = setTimeout(validate, VALIDATE_AFTER_MS);
  };
  const ready = codeEditor(definition, {
    text: creating ? JSON.stringify(EXAMPLE, null, 2) : '',
    label: 'Definition (Amazon States Language, JSON)',
    describedBy: 'diagnostics',
    onChange: edited,
  }).then((made) => {
    editor = made;
    return made;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!editor) return;
    try {
      let target = arn;
      if (creating) {
        const created = await call('CreateStateMachine', {
          name: name.value.trim(), definition: editor.text(), roleArn: role.value.trim(), type: type.value,
        });
        target = created.stateMachineArn;
      } else {
        await call('UpdateStateMachine', { stateMachineArn: arn, definition: editor.text() });
      }
      announce(creating ? 'State machine created' : 'State machine updated');
      location.hash = `#/machine/${encodeURIComponent(target)}`;
    } catch (e) {
      result.replaceChildren(errorBox(e, creating ? 'CreateStateMachine' : 'UpdateStateMachine'));
    }
  });

  if (creating) {
    ready.then(validate);
  } else {
    Promise.all([call('DescribeStateMachine', { stateMachineArn: arn }), ready]).then(([machine]) => {
      heading.textContent = `Edit ${machine.name}`;
      editor.setText(prettyDefinition(machine.definition));
      validate();
    }).catch((e) => result.replaceChildren(errorBox(e, 'DescribeStateMachine')));
  }
  return { element, dispose: () => { generation += 1; clearTimeout(timer); } };
}

function prettyDefinition(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function showDiagnostics(container, answer) {
  const list = answer.diagnostics ?? [];
  if (!list.length) {
    container.replaceChildren(h('p', { class: 'badge status-succeeded', id: 'validation-ok' },
      h('span', { 'aria-hidden': 'true' }, '✓'), ' The definition is valid.'));
    return;
  }
  container.replaceChildren(
    h('p', { class: `badge status-${answer.result === 'OK' ? 'caught' : 'failed'}`, id: 'validation-result' },
      h('span', { 'aria-hidden': 'true' }, answer.result === 'OK' ? '⚠' : '✕'),
      ` ${answer.result === 'OK' ? 'Valid, with warnings' : 'Not valid'}: ${list.length} finding${list.length === 1 ? '' : 's'}${answer.truncated ? ' (more not shown)' : ''}`),
    h('table', { class: 'list diagnostics', 'aria-label': 'Diagnostics' },
      h('thead', {}, h('tr', {}, ...['Severity', 'Code', 'Location', 'Message'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map((d) => h('tr', { class: d.severity === 'ERROR' ? 'diag-error' : 'diag-warning' },
        h('td', {}, d.severity), h('td', {}, h('code', {}, d.code)), h('td', {}, h('code', {}, d.location ?? '')), h('td', {}, d.message))))));
}
