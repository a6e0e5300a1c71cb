// ASL → graph model: the states, groups and edges the console draws, read off the definitions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionGraph, ruleText, stateNodeId } from '../../../main/resources/console/js/asl-graph.js';

const edgesOf = (graph, kind) => graph.edges.filter((e) => e.kind === kind).map((e) => `${e.from} -> ${e.to}${e.label ? ` [${e.label}]` : ''}`);

test('a linear machine is Start, its states in order, then End', () => {
  const graph = definitionGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } });
  assert.deepEqual(graph.edges.map((e) => `${e.from} -> ${e.to}`), ['s:A -> s:B', 's:B -> end', 'start -> s:A']);
  assert.deepEqual(graph.nodes.filter((n) => n.kind === 'state').map((n) => `${n.label}:${n.type}`), ['A:Pass', 'B:Succeed']);
});

test('Choice rules label their edges and the Default edge is its own kind', () => {
  const graph = definitionGraph({
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
          { And: [{ Variable: '$.s', StringEquals: 'x' }, { Not: { Variable: '$.b', BooleanEquals: true } }], Next: 'Mixed' },
          { Variable: '$.t', IsPresent: false, Next: 'Big' },
        ],
        Default: 'Small',
      },
      Big: { Type: 'Succeed' }, Mixed: { Type: 'Succeed' }, Small: { Type: 'Fail' },
    },
  });
  assert.deepEqual(edgesOf(graph, 'choice'), [
    's:C -> s:Big [$.n > 10]',
    's:C -> s:Mixed [($.s == "x") and (not ($.b == true))]',
    's:C -> s:Big [$.t is not present]',
  ]);
  assert.deepEqual(edgesOf(graph, 'default'), ['s:C -> s:Small [Default]']);
});

test('a JSONata Choice rule shows its Condition without the {% %} markers', () => {
  assert.equal(ruleText({ Condition: '{% $states.input.n > 1 %}', Next: 'X' }), '$states.input.n > 1');
});

test('Path comparisons name the compared path', () => {
  assert.equal(ruleText({ Variable: '$.a', NumericLessThanEqualsPath: '$.b', Next: 'X' }), '$.a <= $.b');
});

test('Catch edges carry their ErrorEquals and leave from the catching state', () => {
  const graph = definitionGraph({
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Ok',
        Catch: [{ ErrorEquals: ['States.Timeout', 'States.TaskFailed'], Next: 'Handle' }] },
      Ok: { Type: 'Succeed' }, Handle: { Type: 'Pass', End: true },
    },
  });
  assert.deepEqual(edgesOf(graph, 'catch'), ['s:T -> s:Handle [Catch: States.Timeout, States.TaskFailed]']);
});

test('Parallel branches are groups side by side inside the Parallel, joined before its Next', () => {
  const graph = definitionGraph({
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel', Next: 'After',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
          { StartAt: 'B1', States: { B1: { Type: 'Pass', Next: 'B2' }, B2: { Type: 'Succeed' } } },
        ],
      },
      After: { Type: 'Succeed' },
    },
  });
  assert.deepEqual(graph.groups.map((g) => `${g.id}:${g.kind}:${g.parent}`), ['g:P:parallel:null', 'g:P#0:branch:g:P', 'g:P#1:branch:g:P']);
  assert.equal(graph.states.A.parent, 'g:P#0');
  assert.equal(graph.states.B2.parent, 'g:P#1');
  assert.deepEqual(edgesOf(graph, 'branch'), ['s:P -> s:A', 's:P -> s:B1']);
  // Each branch's end goes to the Parallel's join, and the Parallel's Next leaves from there.
  assert.deepEqual(edgesOf(graph, 'end').filter((e) => e.endsWith('j:P')), ['s:A -> j:P', 's:B2 -> j:P']);
  assert.deepEqual(edgesOf(graph, 'next').filter((e) => e.startsWith('j:P')), ['j:P -> s:After']);
});

test('a Map nests its ItemProcessor, and the legacy Iterator the same way', () => {
  for (const field of ['ItemProcessor', 'Iterator']) {
    const graph = definitionGraph({
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, [field]: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } } } },
    });
    assert.deepEqual(graph.groups.map((g) => `${g.id}:${g.kind}:${g.label}`), ['g:M:map:M', `g:M#0:processor:${field}`]);
    assert.equal(graph.states.Inner.parent, 'g:M#0');
    assert.deepEqual(edgesOf(graph, 'branch'), ['s:M -> s:Inner']);
    assert.deepEqual(edgesOf(graph, 'end'), ['s:Inner -> j:M', 'j:M -> end']);
  }
});

test('a Next naming no state draws as a missing node instead of failing', () => {
  const graph = definitionGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
  const missing = graph.nodes.find((n) => n.id === stateNodeId('Nowhere'));
  assert.equal(missing.kind, 'missing');
});

test('text that is not a definition says why', () => {
  assert.throws(() => definitionGraph('{"StartAt": "A"}'), /no States object/);
  assert.throws(() => definitionGraph('{"StartAt": '), SyntaxError);
});
