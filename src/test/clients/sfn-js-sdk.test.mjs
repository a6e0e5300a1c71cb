// The AWS SDK for JavaScript v3 (@aws-sdk/client-sfn) against `./stepwise serve`, as the README
// shows it: TestState and StartSyncExecution carry AWS's `sync-` host prefix (sync-127.0.0.1 does
// not resolve), so the client turns it off with `disableHostPrefix: true`.
// Run by ClientsTest with STEPWISE_ENDPOINT set to a running server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SFNClient, CreateStateMachineCommand, StartSyncExecutionCommand, TestStateCommand, StartExecutionCommand,
  DescribeExecutionCommand,
} from '@aws-sdk/client-sfn';

const endpoint = process.env.STEPWISE_ENDPOINT;
const sfn = new SFNClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  disableHostPrefix: true,
});
const role = 'arn:aws:iam::123456789012:role/unused';
const greet = JSON.stringify({
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)" }, End: true } },
});

test('StartSyncExecution runs an EXPRESS machine and answers its output', async () => {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: `js-sync-${Date.now()}`, type: 'EXPRESS', roleArn: role, definition: greet,
  }));
  const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify({ name: 'Ada' }) }));
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(result.output), { greeting: 'Hello, Ada!' });
});

test('TestState runs one state and answers its output', async () => {
  const result = await sfn.send(new TestStateCommand({
    definition: JSON.stringify({ Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true }),
    roleArn: role,
    input: JSON.stringify({ n: 21 }),
  }));
  assert.equal(result.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(result.output), { doubled: 42 });
});

test('the other actions work with the same client', async () => {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: `js-standard-${Date.now()}`, roleArn: role, definition: greet,
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ name: 'Grace' }) }));
  let described;
  for (let i = 0; i < 300; i += 1) {
    described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(described.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(described.output), { greeting: 'Hello, Grace!' });
});
