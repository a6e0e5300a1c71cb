// Diagnostics' locations → places in the definition text. Locations as ValidateStateMachineDefinition
// returns them ("/States/A/Next", AWS's JSON-pointer-like paths).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locate, lineColumnOffset, positionedTree } from '../../../main/resources/console/js/json-locate.js';

const text = JSON.stringify({
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'Nowhere' },
    'a/b': { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'A' }, { Not: {}, Next: 'A' }] },
  },
}, null, 2);
const at = (location) => {
  const range = locate(text, location);
  return range && text.slice(range.from, range.to);
};

test('a scalar is marked by its value, an object by its key', () => {
  assert.equal(at('/States/A/Next'), '"Nowhere"');
  assert.equal(at('/States/A'), '"A"');
  assert.equal(at('/StartAt'), '"A"');
});

test('array items, and state names with a slash in them, are found', () => {
  assert.equal(at('/States/a/b/Choices/0/NumericEquals'), '1');
  assert.equal(at('/States/a/b/Choices/1/Not'), '"Not"');
  assert.equal(at('/States/a~1b/Type'), '"Choice"');
});

test('a path that goes further than the text marks as far as it exists', () => {
  assert.equal(at('/States/A/End'), '"A"');
  assert.equal(at('/Nothing'), '{');
});

test('no place for text that is not JSON, or a location that is not a path', () => {
  assert.equal(locate('{"a": ', '/a'), null);
  assert.equal(locate(text, 'line 3'), null);
  assert.throws(() => positionedTree('{"a": 1} x'));
});

test('"line L, column C" in a parser message is an offset in the text', () => {
  assert.equal(lineColumnOffset('{\n  "a": x\n}', 'Unexpected character at line 2, column 8'), 9);
  assert.equal(lineColumnOffset('{}', 'no place here'), null);
});
