// History → state statuses. The event sequences follow histories recorded on AWS Step Functions
// (LocalStack's snapshot tests, recorded against AWS: test_task_lambda's test_raise_exception and
// test_raise_exception_catch, test_base_scenarios' test_map_state_break_condition and
// test_parallel_state): event types, details members and previousEventId links as AWS writes them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyStatus, statusOf } from '../../../main/resources/console/js/history-status.js';

const entered = (id, prev, type, name, input = '{}') => ({ id, previousEventId: prev, type: `${type}StateEntered`, stateEnteredEventDetails: { name, input } });
const exited = (id, prev, type, name, output = '{}') => ({ id, previousEventId: prev, type: `${type}StateExited`, stateExitedEventDetails: { name, output } });
const started = { id: 1, previousEventId: 0, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } };

const lambdaFails = [
  started,
  entered(2, 0, 'Task', 'Start', '{"FunctionName":"f"}'),
  { id: 3, previousEventId: 2, type: 'LambdaFunctionScheduled', lambdaFunctionScheduledEventDetails: { resource: 'arn:aws:lambda:us-east-1:111111111111:function:f' } },
  { id: 4, previousEventId: 3, type: 'LambdaFunctionStarted' },
  { id: 5, previousEventId: 4, type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: { error: 'Exception', cause: 'Some exception was raised.' } },
];

test('a Task whose Lambda fails and is not caught is failed, with the error and cause', () => {
  const summary = historyStatus([...lambdaFails,
    { id: 6, previousEventId: 5, type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Exception', cause: 'Some exception was raised.' } }], 'FAILED');
  const start = summary.states.Start;
  assert.equal(start.status, 'failed');
  assert.equal(start.error, 'Exception');
  assert.equal(start.cause, 'Some exception was raised.');
  assert.equal(start.input, '{"FunctionName":"f"}');
  assert.deepEqual(summary.execution, { error: 'Exception', cause: 'Some exception was raised.' });
  assert.equal(summary.eventStates[4], 'Start');
});

test('a Task whose failure a Catch takes is caught, and its handler succeeded', () => {
  const errorOutput = '{"Error":"Exception","Cause":"Some exception was raised."}';
  const summary = historyStatus([...lambdaFails,
    exited(6, 5, 'Task', 'Start', errorOutput),
    entered(7, 6, 'Pass', 'EndWithStateTaskFailedHandler', errorOutput),
    exited(8, 7, 'Pass', 'EndWithStateTaskFailedHandler', errorOutput),
    { id: 9, previousEventId: 8, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: errorOutput } }], 'SUCCEEDED');
  assert.equal(summary.states.Start.status, 'caught');
  assert.equal(summary.states.Start.error, 'Exception');
  assert.equal(summary.states.Start.output, errorOutput);
  assert.equal(summary.states.EndWithStateTaskFailedHandler.status, 'succeeded');
  assert.equal(statusOf(summary, 'NeverEntered'), 'notStarted');
});

test('a retried Task that then succeeds is succeeded, and is failed while its retry waits', () => {
  const retrying = [...lambdaFails];
  assert.equal(historyStatus(retrying, 'RUNNING').states.Start.status, 'failed');
  const done = historyStatus([...lambdaFails,
    { id: 6, previousEventId: 5, type: 'LambdaFunctionScheduled', lambdaFunctionScheduledEventDetails: {} },
    { id: 7, previousEventId: 6, type: 'LambdaFunctionStarted' },
    { id: 8, previousEventId: 7, type: 'LambdaFunctionSucceeded', lambdaFunctionSucceededEventDetails: { output: '1' } },
    exited(9, 8, 'Task', 'Start', '1')], 'RUNNING');
  assert.equal(done.states.Start.status, 'succeeded');
});

test('a state entered and not yet exited while the execution runs is running', () => {
  const summary = historyStatus([started, entered(2, 0, 'Wait', 'Pause')], 'RUNNING');
  assert.equal(summary.states.Pause.status, 'running');
});

test('Map iterations are counted by status, out of the length MapStateStarted gives', () => {
  const events = [started,
    entered(2, 0, 'Map', 'MapState', '{"arr":[1,"Hello",{}]}'),
    { id: 3, previousEventId: 2, type: 'MapStateStarted', mapStateStartedEventDetails: { length: 3 } },
    { id: 4, previousEventId: 3, type: 'MapIterationStarted', mapIterationStartedEventDetails: { index: 0, name: 'MapState' } },
    entered(5, 4, 'Pass', 'Pass', '1'),
    exited(6, 5, 'Pass', 'Pass', '1'),
    { id: 7, previousEventId: 6, type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { index: 0, name: 'MapState' } },
    { id: 8, previousEventId: 6, type: 'MapIterationStarted', mapIterationStartedEventDetails: { index: 1, name: 'MapState' } },
    entered(9, 8, 'Pass', 'Pass', '"Hello"'),
  ];
  const running = historyStatus(events, 'RUNNING');
  assert.deepEqual(running.states.MapState.items,
    { length: 3, started: 2, succeeded: 1, failed: 0, aborted: 0, running: 1, pending: 1 });
  assert.equal(running.states.MapState.status, 'running');
  assert.equal(running.states.Pass.status, 'running');
  assert.equal(running.states.Pass.visits, 2);
});

test('a Parallel whose branches ended exits by name, though its Exited follows a branch event', () => {
  const summary = historyStatus([started,
    entered(2, 0, 'Parallel', 'ParallelState', '[1,2,3,4]'),
    { id: 3, previousEventId: 2, type: 'ParallelStateStarted' },
    entered(4, 3, 'Pass', 'Branch1', '[1,2,3,4]'),
    entered(5, 3, 'Pass', 'Branch21', '[1,2,3,4]'),
    exited(6, 4, 'Pass', 'Branch1', '[1,2,3,4]'),
    exited(7, 5, 'Pass', 'Branch21', '[1,2,3,4]'),
    { id: 8, previousEventId: 7, type: 'ParallelStateSucceeded' },
    exited(9, 8, 'Parallel', 'ParallelState', '[[1,2,3,4],[1,2,3,4]]'),
    { id: 10, previousEventId: 9, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '[]' } }], 'SUCCEEDED');
  assert.deepEqual(Object.values(summary.states).map((s) => `${s.name}:${s.status}`),
    ['ParallelState:succeeded', 'Branch1:succeeded', 'Branch21:succeeded']);
  assert.equal(summary.states.ParallelState.output, '[[1,2,3,4],[1,2,3,4]]');
});

test('a Parallel that fails with a branch is failed, the failing state too, and the cut-short sibling aborted', () => {
  const summary = historyStatus([started,
    entered(2, 0, 'Parallel', 'P'),
    { id: 3, previousEventId: 2, type: 'ParallelStateStarted' },
    entered(4, 3, 'Fail', 'Boom'),
    entered(5, 3, 'Wait', 'Slow'),
    { id: 6, previousEventId: 4, type: 'ParallelStateFailed' },
    { id: 7, previousEventId: 6, type: 'ExecutionFailed', executionFailedEventDetails: { error: 'E', cause: 'C' } }], 'FAILED');
  assert.equal(summary.states.P.status, 'failed');
  assert.equal(summary.states.Slow.status, 'aborted');
  assert.equal(summary.states.Boom.status, 'failed');
});

test('a Parallel failure that a Catch takes is caught', () => {
  const summary = historyStatus([started,
    entered(2, 0, 'Parallel', 'P'),
    { id: 3, previousEventId: 2, type: 'ParallelStateStarted' },
    entered(4, 3, 'Fail', 'Boom'),
    { id: 5, previousEventId: 4, type: 'ParallelStateFailed' },
    exited(6, 5, 'Parallel', 'P', '{"Error":"E","Cause":"C"}')], 'RUNNING');
  assert.equal(summary.states.P.status, 'caught');
});

test('events may arrive in any order: they are read by id', () => {
  const summary = historyStatus([exited(3, 2, 'Pass', 'A'), entered(2, 0, 'Pass', 'A'), started], 'SUCCEEDED');
  assert.equal(summary.states.A.status, 'succeeded');
});

test('after a redrive, a state that ran again shows its newest run, and one that did not keeps its status', () => {
  const summary = historyStatus([started,
    entered(2, 0, 'Pass', 'First'),
    exited(3, 2, 'Pass', 'First'),
    entered(4, 3, 'Task', 'Flaky'),
    { id: 5, previousEventId: 4, type: 'TaskFailed', taskFailedEventDetails: { error: 'E', cause: 'C' } },
    { id: 6, previousEventId: 5, type: 'ExecutionFailed', executionFailedEventDetails: { error: 'E', cause: 'C' } },
    { id: 7, previousEventId: 6, type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: 1 } },
    entered(8, 7, 'Task', 'Flaky'),
    { id: 9, previousEventId: 8, type: 'TaskSucceeded', taskSucceededEventDetails: { output: '{}' } },
    exited(10, 9, 'Task', 'Flaky')], 'RUNNING');
  assert.equal(summary.states.First.status, 'succeeded');
  assert.equal(summary.states.Flaky.status, 'succeeded');
  assert.equal(summary.states.Flaky.error, null);
});
