// History rows for reading. Timestamps as AWS JSON 1.0 sends them (epoch seconds with a fraction);
// event shapes from the Step Functions API reference (HistoryEvent).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elapsedMillis, detailsText, detailsSummary, epochMillis } from '../../../main/resources/console/js/history-format.js';

test('elapsed time is the milliseconds since the execution started', () => {
  const start = 1796416068.667;
  assert.equal(elapsedMillis({ timestamp: 1796416068.667 }, start), 0);
  assert.equal(elapsedMillis({ timestamp: 1796416071.702 }, start), 3035);
  assert.equal(elapsedMillis({ timestamp: '2026-12-04T20:00:01.250Z' }, '2026-12-04T20:00:00.000Z'), 1250);
  assert.equal(elapsedMillis({}, start), '');
  assert.equal(epochMillis('not a date'), null);
});

test('details show the JSON texts inside them as JSON, indented', () => {
  const event = {
    id: 3, type: 'PassStateExited',
    stateExitedEventDetails: { name: 'Prepare', output: '{"prepared":"ready","items":[1,2]}', outputDetails: { truncated: false } },
  };
  assert.equal(detailsText(event), JSON.stringify({
    name: 'Prepare', output: { prepared: 'ready', items: [1, 2] }, outputDetails: { truncated: false },
  }, null, 2));
  // A text that only looks like JSON stays text.
  const odd = { id: 4, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'X', input: '{not json' } };
  assert.match(detailsText(odd), /"input": "\{not json"/);
  assert.equal(detailsText({ id: 5, type: 'LambdaFunctionStarted' }), '');
});

test('a collapsed row sums up a failure by its error and cause, a task by its resource', () => {
  assert.equal(detailsSummary({ type: 'TaskFailed', taskFailedEventDetails: { error: 'Lambda.Unknown', cause: 'boom' } }), 'Lambda.Unknown: boom');
  assert.equal(detailsSummary({ type: 'LambdaFunctionScheduled', lambdaFunctionScheduledEventDetails: { resource: 'arn:aws:lambda:us-east-1:123456789012:function:f' } }),
    'arn:aws:lambda:us-east-1:123456789012:function:f');
  assert.equal(detailsSummary({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'P' } }), '');
});
