// Why a state failed when its events do not say: AWS's FailStateEntered, ParallelStateFailed and
// MapStateFailed carry no error (event shapes in the Step Functions API reference, HistoryEvent);
// the Fail state's Error/Cause come from its definition (Amazon States Language, "Fail state").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findState, innerStateNames, failureOf } from '../../../main/resources/console/js/state-failure.js';

const asl = {
  StartAt: 'Both',
  States: {
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Check', States: { Check: { Type: 'Pass', Next: 'Broke' }, Broke: { Type: 'Fail', Error: 'Branch.Broke', Cause: 'the right branch gave up' } } },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Each' }],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemProcessor: { StartAt: 'Item failed', States: { 'Item failed': { Type: 'Fail', ErrorPath: '$.code', Cause: 'bad item' } } },
      End: true,
    },
  },
};

const state = (status, extra = {}) => ({ status, error: null, cause: null, input: '{"code":"E1"}', ...extra });

test('states are found at any depth, and a Parallel knows the states inside it in definition order', () => {
  assert.equal(findState(asl, 'Broke').Error, 'Branch.Broke');
  assert.equal(findState(asl, 'Item failed').ErrorPath, '$.code');
  assert.equal(findState(asl, 'Nowhere'), null);
  assert.deepEqual(innerStateNames(asl.States.Both), ['Left', 'Check', 'Broke']);
});

test('a Fail state shows the Error and Cause its definition gives', () => {
  const summary = { states: { Broke: state('failed') } };
  assert.deepEqual(failureOf(asl, summary, 'Broke'), { error: 'Branch.Broke', cause: 'the right branch gave up', from: 'Broke', evaluate: null });
});

test('a caught Parallel shows the failure of the state inside it that failed', () => {
  const summary = { states: { Both: state('caught'), Left: state('succeeded'), Check: state('succeeded'), Broke: state('failed') } };
  const found = failureOf(asl, summary, 'Both');
  assert.equal(found.from, 'Broke');
  assert.equal(found.error, 'Branch.Broke');
});

test('a Fail state with ErrorPath asks the engine, with the state and its input', () => {
  const summary = { states: { Each: state('failed'), 'Item failed': state('failed') } };
  const found = failureOf({ ...asl, QueryLanguage: 'JSONPath' }, summary, 'Each');
  assert.equal(found.from, 'Item failed');
  assert.equal(found.error, null);
  assert.equal(found.cause, 'bad item');
  assert.deepEqual(found.evaluate, { state: { ...asl.States.Each.ItemProcessor.States['Item failed'], QueryLanguage: 'JSONPath' }, input: '{"code":"E1"}' });
});

test('a JSONata Error is computed, not shown as written', () => {
  const jsonata = { StartAt: 'F', QueryLanguage: 'JSONata', States: { F: { Type: 'Fail', Error: '{% $states.input.code %}', Cause: 'c' } } };
  const found = failureOf(jsonata, { states: { F: state('failed') } }, 'F');
  assert.equal(found.error, null);
  assert.equal(found.cause, 'c');
  assert.equal(found.evaluate.state.QueryLanguage, 'JSONata');
});

test('an error the events carry wins, and a state that did not fail has none', () => {
  const summary = { states: { Broke: state('failed', { error: 'From.Events', cause: 'recorded' }), Left: state('succeeded') } };
  assert.deepEqual(failureOf(asl, summary, 'Broke'), { error: 'From.Events', cause: 'recorded', from: 'Broke', evaluate: null });
  assert.equal(failureOf(asl, summary, 'Left'), null);
  assert.equal(failureOf(asl, summary, 'Each'), null);
});
