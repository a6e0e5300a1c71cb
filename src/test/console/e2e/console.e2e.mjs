// The console end to end, in real headless Chromium driven by playwright-core: create a machine
// in the editor, start executions from the console, watch states turn green, see a failure in red
// with its cause. Screenshots go to $CONSOLE_ARTIFACTS (target/console-e2e/).
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

test('the editor validates as you type and shows the diagnostics code, location and message', { skip }, async () => {
  await page.goto(`${url}#/editor`);
  const editor = page.locator('#definition');
  const broken = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }, null, 2);
  await editor.fill(broken);
  const row = page.locator('table.diagnostics tbody tr').first();
  // AWS's wording for a Next naming no state: "Missing 'Next' target: ... at /States/A/Next".
  await row.locator('td', { hasText: 'MISSING_TRANSITION_TARGET' }).waitFor();
  assert.equal(await row.locator('td').nth(2).innerText(), '/States/A/Next');
  assert.match(await row.locator('td').nth(3).innerText(), /Missing 'Next' target: Nowhere/);
  await shot('01-editor-diagnostics.png');
});

test('a machine created in the editor is drawn from its definition', { skip }, async () => {
  await page.goto(`${url}#/editor`);
  await page.locator('#machine-name').fill(name);
  await page.locator('#definition').fill(JSON.stringify(definition, null, 2));
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
  await shot('03-machine.png');
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
  await shot('05-execution-succeeded.png');
});

test('an execution that fails shows its failed state in red with the error and cause', { skip }, async () => {
  await page.locator('.crumbs a').nth(1).click();
  await page.waitForURL(/#\/machine\//);
  await startExecution({ fail: true, items: [] });
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
  const editor = page.locator('#definition');
  await page.waitForFunction(() => document.querySelector('#definition').value.includes('"Pause"'));
  const edited = { ...definition, Comment: 'Edited in the console' };
  await editor.fill(JSON.stringify(edited, null, 2));
  await page.locator('#validation-ok').waitFor();
  await page.locator('#save-machine').click();
  await page.waitForURL(/#\/machine\//);
  await page.getByRole('link', { name: 'Edit definition' }).click();
  await page.waitForFunction(() => document.querySelector('#definition').value.includes('Edited in the console'));
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
