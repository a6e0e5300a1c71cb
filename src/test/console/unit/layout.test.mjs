// The dagre layout of the graph model: Parallel branches side by side, nested boxes containing
// their states. Uses the npm package the build copies into the console.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import dagre from '@dagrejs/dagre';
import { definitionGraph } from '../../../main/resources/console/js/asl-graph.js';
import { layoutGraph } from '../../../main/resources/console/js/layout.js';

const box = (b) => ({ left: b.x - b.width / 2, right: b.x + b.width / 2, top: b.y - b.height / 2, bottom: b.y + b.height / 2 });
const inside = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

test('Parallel branches are laid out side by side, each inside the Parallel box', () => {
  const graph = definitionGraph({
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel', End: true,
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          { StartAt: 'C', States: { C: { Type: 'Pass', End: true } } },
        ],
      },
    },
  });
  const layout = layoutGraph(graph, dagre);
  const branches = ['g:P#0', 'g:P#1', 'g:P#2'].map((id) => box(layout.groups[id])).sort((a, b) => a.left - b.left);
  for (let i = 1; i < branches.length; i++) {
    assert.ok(branches[i - 1].right <= branches[i].left, 'branches do not overlap horizontally');
    assert.ok(branches[i - 1].bottom > branches[i].top && branches[i].bottom > branches[i - 1].top, 'branches share a row');
  }
  for (const id of ['g:P#0', 'g:P#1', 'g:P#2']) assert.ok(inside(box(layout.groups[id]), box(layout.groups['g:P'])));
  assert.ok(inside(box(layout.nodes['s:A']), box(layout.groups['g:P#0'])));
});

test('a Map box holds its item processor below the Map state', () => {
  const graph = definitionGraph({
    StartAt: 'M',
    States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } } },
  });
  const layout = layoutGraph(graph, dagre);
  assert.ok(inside(box(layout.nodes['s:I']), box(layout.groups['g:M#0'])));
  assert.ok(inside(box(layout.groups['g:M#0']), box(layout.groups['g:M'])));
  assert.ok(layout.nodes['s:I'].y > layout.nodes['s:M'].y);
});
