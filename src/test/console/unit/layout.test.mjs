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

test('Parallel branches are drawn left to right in the order the definition lists them', () => {
  const branch = (prefix, length) => {
    const states = {};
    for (let i = 0; i < length; i++) {
      states[`${prefix}${i}`] = i < length - 1 ? { Type: 'Pass', Next: `${prefix}${i + 1}` } : { Type: 'Pass', End: true };
    }
    return { StartAt: `${prefix}0`, States: states };
  };
  for (const lengths of [[1, 1], [2, 1], [1, 3, 2], [3, 1, 2, 1, 1]]) {
    const graph = definitionGraph({
      StartAt: 'Before',
      States: {
        Before: { Type: 'Pass', Next: 'P' },
        P: { Type: 'Parallel', Next: 'After', Branches: lengths.map((n, i) => branch(`b${i}-`, n)) },
        After: { Type: 'Pass', End: true },
      },
    });
    const layout = layoutGraph(graph, dagre);
    const xs = lengths.map((_, i) => layout.groups[`g:P#${i}`].x);
    assert.deepEqual([...xs].sort((a, b) => a - b), xs, `branches of lengths ${lengths} from left to right`);
  }
  // A Parallel inside a branch keeps its own order too.
  const nested = definitionGraph({
    StartAt: 'Outer',
    States: {
      Outer: {
        Type: 'Parallel', End: true,
        Branches: [
          { StartAt: 'Inner', States: { Inner: { Type: 'Parallel', End: true, Branches: [branch('x', 1), branch('y', 2)] } } },
          branch('z', 1),
        ],
      },
    },
  });
  const layout = layoutGraph(nested, dagre);
  assert.ok(layout.groups['g:Outer#0'].x < layout.groups['g:Outer#1'].x);
  assert.ok(layout.groups['g:Inner#0'].x < layout.groups['g:Inner#1'].x);
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
