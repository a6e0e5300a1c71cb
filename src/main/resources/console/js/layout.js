// Graph model → positions, by dagre's layered layout (compound: Parallel and Map are clusters
// holding their branches and item processor). dagre is passed in so node --test can use the npm
// package and the browser the copy under vendor/.

const CHAR = 7.4; // average glyph width of the node font, px
const STATE_HEIGHT = 46;

export function nodeSize(node) {
  switch (node.kind) {
    case 'start':
    case 'end':
      return { width: 64, height: 30 };
    case 'join':
      return { width: 18, height: 18 };
    default:
      // Wide enough for the second line too ("Parallel · Caught error").
      return { width: Math.max(176, Math.min(280, 48 + node.label.length * CHAR)), height: STATE_HEIGHT };
  }
}

/**
 * Lays out {@code graph} (from asl-graph.js): returns { width, height, nodes: {id → {x, y, width,
 * height}}, groups: {id → {x, y, width, height}}, edges: [{edge, points, labelAt}] } with x, y the
 * centre of each box.
 */
export function layoutGraph(graph, dagre) {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 14, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) {
    // A Map's box keeps room at the bottom for its item counts.
    g.setNode(group.id, { label: group.label, paddingTop: 26, paddingLeft: 14, paddingRight: 14,
      paddingBottom: group.kind === 'map' ? 30 : 14 });
  }
  for (const group of graph.groups) {
    if (group.parent) g.setParent(group.id, group.parent);
  }
  for (const node of graph.nodes) {
    g.setNode(node.id, { ...nodeSize(node) });
    if (node.parent) g.setParent(node.id, node.parent);
  }
  graph.edges.forEach((edge, i) => {
    const label = edge.label ?? '';
    g.setEdge(edge.from, edge.to, {
      width: label ? Math.min(280, label.length * 6.6 + 10) : 0,
      height: label ? 18 : 0,
      labelpos: 'c',
      minlen: edge.kind === 'catch' ? 1 : 1,
    }, `e${i}`);
  });
  // Left-to-right constraints between sibling groups (Parallel branches in definition order).
  dagre.layout(g, { constraints: graph.order ?? [] });
  const nodes = {};
  for (const node of graph.nodes) {
    const n = g.node(node.id);
    nodes[node.id] = { x: n.x, y: n.y, width: n.width, height: n.height };
  }
  const groups = {};
  for (const group of graph.groups) {
    const n = g.node(group.id);
    groups[group.id] = { x: n.x, y: n.y, width: n.width, height: n.height };
  }
  const edges = graph.edges.map((edge, i) => {
    const e = g.edge(edge.from, edge.to, `e${i}`);
    return { edge, points: e.points, labelAt: edge.label ? { x: e.x, y: e.y } : null };
  });
  const size = g.graph();
  return { width: size.width, height: size.height, nodes, groups, edges };
}
