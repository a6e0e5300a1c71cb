// The console end to end, in real headless Chromium driven by playwright-core: create a machine
// in the code editor (highlighted, diagnostics marked in the text), fit, zoom and pan its graph,
// start executions from the console, watch states turn green, read the execution's input and
// output and its history rows, see a failure in red with its error and cause, start a new
// execution from an old one's input. Screenshots go to $CONSOLE_ARTIFACTS (target/console-e2e/).
//
//   CONSOLE_URL=http://127.0.0.1:PORT/console/ [CHROMIUM=/usr/bin/chromium] node --test src/test/console/e2e/
//
// ConsoleEndToEndTest (JUnit) starts the server and runs this file; it skips, saying why, where
// node, Chromium or playwright-core is missing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const url = process.env.CONSOLE_URL;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = process.env.CONSOLE_ARTIFACTS ?? 'target/console-e2e';
const skip = !url ? 'CONSOLE_URL is not set (the JUnit test ConsoleEndToEndTest sets it)'
  : !existsSync(executablePath) ? `${executablePath} is missing (apt-get install -y chromium)` : false;

const name = `console-e2e-${Date.now()}`;

// Pass → Wait (so the run is seen RUNNING) → Task that fails and is caught → Choice on $.fail →
// Parallel (two branches) → Map over $.items → Succeed; or the Fail state.
const definition = {
  Comment: 'The console end-to-end test',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: 'ready', ResultPath: '$.prepared', Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 3, Next: 'Call service' },
    'Call service': {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:not-here',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recovered' }],
      Next: 'Should fail?',
    },
    Recovered: { Type: 'Pass', Next: 'Should fail?' },
    'Should fail?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Give up' }],
      Default: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Pass', Next: 'Right again' }, 'Right again': { Type: 'Pass', End: true } } },
      ],
      ResultPath: null,
      Next: 'Each item',
    },
    'Each item': {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    'Give up': { Type: 'Fail', Error: 'Console.Asked', Cause: 'The input asked this execution to fail' },
  },
};

let browser;
let machineUrl;
let page;

before(async () => {
  if (skip) return;
  mkdirSync(artifacts, { recursive: true });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath,
    headless: true,
    // This machine's network is closed: keep Chromium from calling home at start.
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
});

/** An API call from the page, as the console makes it (same origin, AWS JSON 1.0). */
const api = (action, body) => page.evaluate(async ([a, b]) => {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${a}` },
    body: JSON.stringify(b),
  });
  return response.json();
}, [action, body]);

const shot = (file) => page.screenshot({ path: join(artifacts, file), fullPage: true });
const state = (stateName) => page.locator(`svg.graph [data-state="${stateName}"]`);
const editorText = () => page.locator('#definition .cm-content');
/** Replaces the code editor's text as pasting does: select all, then a paste event with the text. */
const typeDefinition = async (text) => {
  await editorText().click();
  await page.keyboard.press('Control+A');
  await editorText().evaluate((content, pasted) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', pasted);
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, text);
};
/** The boxes of every state drawn in a graph panel, and the panel's stage, in page pixels. */
const boxes = (panel) => page.evaluate((selector) => {
  const root = document.querySelector(selector);
  const rect = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width }; };
  return { stage: rect(root.querySelector('.graph-stage')), states: [...root.querySelectorAll('[data-state] rect')].map(rect) };
}, panel);
const allInside = ({ stage, states }) => states.every((b) => b.left >= stage.left - 0.5 && b.right <= stage.right + 0.5
  && b.top >= stage.top - 0.5 && b.bottom <= stage.bottom + 0.5);

test('the editor highlights JSON, validates as you type and marks each finding in the text', { skip }, async () => {
  await page.goto(`${url}#/editor`);
  await editorText().waitFor();
  const broken = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }, null, 2);
  await typeDefinition(broken);
  const row = page.locator('table.diagnostics tbody tr').first();
  // AWS's wording for a Next naming no state: "Missing 'Next' target: ... at /States/A/Next".
  await row.locator('td', { hasText: 'MISSING_TRANSITION_TARGET' }).waitFor();
  assert.equal(await row.locator('td').nth(2).innerText(), '/States/A/Next');
  assert.match(await row.locator('td').nth(3).innerText(), /Missing 'Next' target: Nowhere/);
  // The same finding, marked where it is: the value of /States/A/Next, with a marker in the gutter.
  const mark = page.locator('#definition .cm-lintRange-error', { hasText: 'Nowhere' });
  await mark.waitFor();
  assert.equal(await mark.innerText(), '"Nowhere"');
  assert.ok(await page.locator('#definition .cm-lint-marker-error').count() >= 1);
  // Syntax highlighting: a property name and a string value are drawn in different colours.
  const colours = await page.evaluate(() => {
    const spans = [...document.querySelectorAll('#definition .cm-line span')];
    const colour = (text) => getComputedStyle(spans.find((s) => s.textContent === text)).color;
    return { key: colour('"StartAt"'), value: colour('"Nowhere"') };
  });
  assert.notEqual(colours.key, colours.value);
  await shot('01-editor-diagnostics.png');
  // A JSON syntax error is marked where the parser stopped, before the API is asked.
  await typeDefinition('{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass" "End": true }\n  }\n}');
  await page.locator('#definition .cm-lintRange-error').first().waitFor();
  assert.equal(await page.locator('#definition .cm-lint-marker-error').count(), 1);
  await shot('01b-editor-syntax-error.png');
});

test('a machine created in the editor is drawn from its definition, fitted to the view, zoomed and panned', { skip }, async () => {
  await page.goto(`${url}#/editor`);
  await page.locator('#machine-name').fill(name);
  await editorText().waitFor();
  await typeDefinition(JSON.stringify(definition, null, 2));
  await page.locator('#validation-ok').waitFor();
  await state('Each item').waitFor();
  await shot('02-editor-valid.png');
  await page.locator('#save-machine').click();
  await page.waitForURL(/#\/machine\//);
  machineUrl = page.url();
  await state('Left').waitFor();
  // The Choice rule and Default are edge labels; the Catch edge is dashed.
  assert.equal(await page.locator('svg.graph .edge-choice .edge-label').textContent(), '$.fail == true');
  assert.equal(await page.locator('svg.graph .edge-default .edge-label').textContent(), 'Default');
  assert.equal(await page.locator('svg.graph .edge-catch .edge-label').textContent(), 'Catch: States.ALL');
  assert.equal(await page.locator('svg.graph .group-parallel').count(), 1);
  assert.equal(await page.locator('svg.graph .group-branch').count(), 2);
  assert.equal(await page.locator('svg.graph .group-processor').count(), 1);
  // Branches left to right in definition order: Left (branch 1) before Right (branch 2).
  const left = await state('Left').boundingBox();
  const right = await state('Right').boundingBox();
  assert.ok(left.x + left.width <= right.x, `Left ${JSON.stringify(left)} is left of Right ${JSON.stringify(right)}`);
  // Fitted: every state is inside the panel, none cut off.
  const panel = '.split .graph-panel';
  const fitted = await boxes(panel);
  assert.ok(allInside(fitted), JSON.stringify(fitted));
  await shot('03-machine.png');
  // Zoom in twice: states grow, by the shown zoom level.
  const level = async () => Number((await page.locator(`${panel} .zoom-level`).innerText()).replace('%', ''));
  const before = await level();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const zoomedLevel = await level();
  assert.ok(zoomedLevel > before * 1.5, `${zoomedLevel}% after zooming in from ${before}%`);
  const zoomed = await boxes(panel);
  assert.ok(zoomed.states[0].width > fitted.states[0].width * 1.5);
  // Drag the background: the graph moves with the pointer, and no state is selected by it.
  const stage = zoomed.stage;
  const prepare = await state('Prepare').boundingBox();
  await page.mouse.move(stage.left + 8, stage.top + 8);
  await page.mouse.down();
  await page.mouse.move(stage.left + 68, stage.top + 48, { steps: 5 });
  await page.mouse.up();
  const moved = await state('Prepare').boundingBox();
  assert.ok(Math.abs(moved.x - prepare.x - 60) < 2 && Math.abs(moved.y - prepare.y - 40) < 2, `${JSON.stringify(prepare)} → ${JSON.stringify(moved)}`);
  await shot('03b-machine-zoomed.png');
  // Ctrl + wheel zooms out about the pointer; Fit brings every state back into view.
  await page.mouse.move(stage.left + 100, stage.top + 100);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 200);
  await page.keyboard.up('Control');
  assert.ok(await level() < zoomedLevel, 'Ctrl + wheel down zooms out');
  await page.getByRole('button', { name: 'Fit to view' }).click();
  assert.ok(allInside(await boxes(panel)));
  assert.equal(await level(), before);
});

async function startExecution(input) {
  await page.locator('#start-execution').click();
  await page.locator('#execution-input').fill(JSON.stringify(input));
  await page.locator('#start-form button[type=submit]').click();
  await page.waitForURL(/#\/execution\//);
}

test('an execution started from the console is seen running, then every state it ran turns green', { skip }, async () => {
  await startExecution({ fail: false, items: [1, 2, 3] });
  // The Wait holds the execution for 3 s: the polled view shows it in progress first.
  await page.locator('svg.graph [data-state="Pause"][data-status="running"]').waitFor({ timeout: 15000 });
  await shot('04-execution-running.png');
  await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor({ timeout: 30000 });
  for (const stateName of ['Prepare', 'Pause', 'Recovered', 'Should fail?', 'Both', 'Left', 'Right', 'Right again', 'Each item', 'Double', 'Done']) {
    assert.equal(await state(stateName).getAttribute('data-status'), 'succeeded', stateName);
  }
  assert.equal(await state('Call service').getAttribute('data-status'), 'caught');
  assert.equal(await state('Give up').getAttribute('data-status'), 'notStarted');
  // Keyboard: states are in the tab order, arrow keys move between them, Enter selects one.
  await state('Prepare').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-state')), 'Pause');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-state')), 'Call service');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#state-panel h2').textContent(), 'Call service');
  // The side panel shows the Map's item counts.
  await state('Each item').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#state-status').textContent(), '✓ Succeeded');
  assert.equal(await page.locator('#map-items').innerText(), 'Items: ✓ 3 succeeded, ✕ 0 failed, ▶ 0 running (3 items)');
  assert.equal(await page.locator('svg.graph .map-counts').textContent(), '✓ 3 ✕ 0 ▶ 0 of 3');
  await state('Call service').focus();
  await page.keyboard.press(' ');
  // No Lambda answers for 'not-here': the integration's error (Lambda.SdkClientException without
  // network, Lambda.ResourceNotFoundException with it) is what the caught state shows.
  assert.match(await page.locator('#state-error strong').innerText(), /^Lambda\.\w+Exception$/);
  // The execution's input and output, side by side.
  assert.deepEqual(JSON.parse(await page.locator('#input-pane pre').innerText()), { fail: false, items: [1, 2, 3] });
  // The Map's results replace the state's input (ResultPath defaults to $).
  assert.deepEqual(JSON.parse(await page.locator('#output-pane pre').innerText()), [1, 2, 3]);
  // History rows: milliseconds since the start, growing; the Wait's exit at least 3 s in.
  // (Map iterations and branches run on several workers: their events' times may interleave.)
  const elapsed = (await page.locator('table.events td.elapsed').allInnerTexts()).map(Number);
  assert.equal(elapsed[0], 0);
  assert.ok(elapsed.every((ms) => Number.isInteger(ms) && ms >= 0), elapsed.join(' '));
  assert.ok(Number(await page.locator('tr[data-type="WaitStateExited"] td.elapsed').innerText()) >= 3000);
  // A row opens to show its details as indented JSON, the Lambda's failure with its error.
  const failed = page.locator('tr[data-type="LambdaFunctionFailed"]');
  assert.match(await failed.locator('td.summary').innerText(), /^Lambda\.\w+Exception: /);
  await failed.getByRole('button').click();
  assert.equal(await failed.getByRole('button').getAttribute('aria-expanded'), 'true');
  const details = page.locator(`#event-${await failed.getAttribute('data-event')}-details pre`);
  assert.match(JSON.parse(await details.innerText()).error, /^Lambda\.\w+Exception$/);
  const exited = page.locator('tr[data-type="PassStateExited"]').first();
  await exited.click();
  const exitedDetails = JSON.parse(await page.locator(`#event-${await exited.getAttribute('data-event')}-details pre`).innerText());
  assert.deepEqual(exitedDetails.output, { fail: false, items: [1, 2, 3], prepared: 'ready' }, 'the output JSON text shown as JSON');
  await shot('05-execution-succeeded.png');
});

test('a new execution starts from an old one\'s input, and one that fails shows its failed state in red with the error and cause', { skip }, async () => {
  const previous = page.url();
  await page.locator('#new-execution').click();
  const prefilled = page.locator('#start-form #execution-input');
  assert.equal(await prefilled.inputValue(), JSON.stringify({ fail: false, items: [1, 2, 3] }, null, 2));
  await prefilled.fill(JSON.stringify({ fail: true, items: [] }));
  await page.locator('#start-form button[type=submit]').click();
  await page.waitForURL((u) => /#\/execution\//.test(u.href) && u.href !== previous);
  await page.locator('#execution-status [data-status="FAILED"]').waitFor({ timeout: 30000 });
  await page.locator('svg.graph [data-state="Give up"][data-status="failed"]').waitFor();
  assert.equal(await state('Both').getAttribute('data-status'), 'notStarted');
  assert.match(await page.locator('#execution-failure').innerText(), /Console\.Asked[\s\S]*The input asked this execution to fail/);
  await state('Give up').click();
  assert.equal(await page.locator('#state-status').textContent(), '✕ Failed');
  assert.equal(await page.locator('#state-error .cause').innerText(), 'The input asked this execution to fail');
  assert.equal(await page.locator('table.events tbody tr[data-type="ExecutionFailed"]').count(), 1);
  await shot('06-execution-failed.png');
  // Redrive answers whatever the API says: a new run, or the API's error shown by the button.
  await page.locator('#redrive-execution').click();
  await page.locator('#action-result > *').waitFor({ timeout: 10000 });
  assert.match(await page.locator('#action-result').innerText(), /^(Redrive started\.|RedriveExecution failed: \S+)/);
  await shot('07-execution-redrive.png');
});

test('the executions list filters by status', { skip }, async () => {
  await page.locator('.crumbs a').nth(1).click();
  await page.waitForURL(/#\/machine\//);
  await page.locator('.executions tbody tr').nth(1).waitFor();
  await page.locator('#status-filter').selectOption('FAILED');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.executions tbody tr')];
    return rows.length === 1 && rows[0].querySelector('[data-status="FAILED"]');
  });
  await shot('08-executions-filtered.png');
});

test('the editor updates a machine with the definition as edited', { skip }, async () => {
  await page.goto(machineUrl);
  await page.getByRole('link', { name: 'Edit definition' }).click();
  await page.waitForFunction(() => document.querySelector('#definition .cm-content')?.textContent.includes('"Pause"'));
  const edited = { ...definition, Comment: 'Edited in the console' };
  await typeDefinition(JSON.stringify(edited, null, 2));
  await page.locator('#validation-ok').waitFor();
  await page.locator('#save-machine').click();
  await page.waitForURL(/#\/machine\//);
  await page.getByRole('link', { name: 'Edit definition' }).click();
  await page.waitForFunction(() => document.querySelector('#definition .cm-content')?.textContent.includes('Edited in the console'));
});

test('a Fail state inside a caught Parallel shows its error and cause, and so does the Parallel', { skip }, async () => {
  // Neither FailStateEntered nor ParallelStateFailed carries the error (Step Functions API
  // reference, HistoryEvent): the console takes it from the definition, asking TestState for paths.
  const { stateMachineArn } = await api('CreateStateMachine', {
    name: `${name}-branch-fail`, roleArn: 'arn:aws:iam::123456789012:role/stepwise',
    definition: JSON.stringify({
      StartAt: 'Fan out',
      States: {
        'Fan out': {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Fine', States: { Fine: { Type: 'Pass', End: true } } },
            { StartAt: 'Refuse', States: { Refuse: { Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('order {} refused', $.order)" } } },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    }),
  });
  const { executionArn } = await api('StartExecution', { stateMachineArn, input: JSON.stringify({ code: 'Order.Refused', order: 42 }) });
  await page.goto(`${url}#/execution/${encodeURIComponent(executionArn)}`);
  await page.locator('#execution-status [data-status="SUCCEEDED"]').waitFor({ timeout: 30000 });
  assert.equal(await state('Refuse').getAttribute('data-status'), 'failed');
  await state('Refuse').click();
  await page.locator('#state-error .cause', { hasText: 'order 42 refused' }).waitFor();
  assert.equal(await page.locator('#state-error strong').innerText(), 'Order.Refused');
  await state('Fan out').click();
  assert.equal(await page.locator('#state-status').textContent(), '⚠ Caught error');
  assert.equal(await page.locator('#state-error strong').innerText(), 'Order.Refused');
  assert.equal(await page.locator('#state-error-from').innerText(), 'Raised by the state Refuse.');
  await shot('11-branch-fail.png');
});

test('the executions list pages with nextToken: 20 a page, then Load more', { skip }, async () => {
  // 21 executions through the API from the page (the console's own origin).
  const { stateMachineArn: arn } = await api('CreateStateMachine', {
    name: `${name}-paging`, roleArn: 'arn:aws:iam::123456789012:role/stepwise',
    definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
  });
  for (let i = 0; i < 21; i++) await api('StartExecution', { stateMachineArn: arn, name: `run-${i}` });
  await page.goto(`${url}#/machine/${encodeURIComponent(arn)}`);
  await page.waitForFunction(() => document.querySelectorAll('.executions tbody tr').length === 20);
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.executions tbody tr').length === 21);
  assert.equal(await page.getByRole('button', { name: 'Load more' }).isHidden(), true);
});

test('Stop aborts a running execution, and the state it was in shows aborted', { skip }, async () => {
  const { stateMachineArn } = await api('CreateStateMachine', {
    name: `${name}-stop`, roleArn: 'arn:aws:iam::123456789012:role/stepwise',
    definition: JSON.stringify({ StartAt: 'Long wait', States: { 'Long wait': { Type: 'Wait', Seconds: 600, End: true } } }),
  });
  const { executionArn } = await api('StartExecution', { stateMachineArn });
  await page.goto(`${url}#/execution/${encodeURIComponent(executionArn)}`);
  await page.locator('svg.graph [data-state="Long wait"][data-status="running"]').waitFor();
  await page.locator('#stop-execution').click();
  await page.locator('#execution-status [data-status="ABORTED"]').waitFor({ timeout: 15000 });
  await page.locator('svg.graph [data-state="Long wait"][data-status="aborted"]').waitFor();
  await shot('09-execution-stopped.png');
});

test('the state machines list links to the new machine', { skip }, async () => {
  await page.goto(`${url}#/`);
  await page.getByRole('link', { name, exact: true }).waitFor();
  await shot('10-machines.png');
});
