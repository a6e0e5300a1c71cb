// Draws a laid-out graph as SVG: groups as boxes, states as focusable buttons (Tab, Enter, Space,
// arrow keys), each status shown by colour, icon and text; Catch edges dashed, Default edges
// marked, Choice rules on their edges.

import { s } from './dom.js';
import { STATUSES, statusOf } from './history-status.js';

const ARROW = 'graph-arrow';

/**
 * Renders into {@code container}. Options: summary (from historyStatus, or null for a plain
 * definition), selected (a state name), onSelect(name). Returns { svg, content, width, height }.
 */
export function renderGraph(container, graph, layout, options = {}) {
  const { summary = null, selected = null, onSelect = () => {} } = options;
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  // The SVG fills its panel; the content group carries the view's zoom and pan (graph-viewport.js).
  const svg = s('svg', {
    class: 'graph', role: 'group', 'data-width': width, 'data-height': height,
    'aria-label': 'State machine graph. Tab moves between states; Enter or Space selects one.',
  });
  svg.append(s('defs', {},
    marker(ARROW, 'edge-arrow'), marker(`${ARROW}-catch`, 'edge-arrow catch'), marker(`${ARROW}-default`, 'edge-arrow default')));
  const content = s('g', { class: 'graph-content' });
  const groupsLayer = s('g', { class: 'groups' });
  const edgesLayer = s('g', { class: 'edges', 'aria-hidden': 'true' });
  const nodesLayer = s('g', { class: 'nodes' });
  content.append(groupsLayer, edgesLayer, nodesLayer);
  svg.append(content);

  for (const group of graph.groups) {
    const box = layout.groups[group.id];
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const items = summary && group.kind === 'map' ? summary.states[group.label]?.items : null;
    groupsLayer.append(s('g', { class: `group group-${group.kind}` },
      s('rect', { x, y, width: box.width, height: box.height, rx: 8 }),
      s('text', { x: x + 10, y: y + 17, class: 'group-label' }, groupTitle(group))));
    if (items) {
      groupsLayer.append(s('text', { x: x + 10, y: y + box.height - 8, class: 'map-counts' },
        mapCountsText(items, true)));
    }
  }

  for (const { edge, points, labelAt } of layout.edges) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const id = edge.kind === 'catch' ? `${ARROW}-catch` : edge.kind === 'default' ? `${ARROW}-default` : ARROW;
    const g = s('g', { class: `edge edge-${edge.kind}` },
      s('path', { d, 'marker-end': `url(#${id})` }));
    if (labelAt) {
      const w = Math.min(280, edge.label.length * 6.6 + 10);
      g.append(s('rect', { class: 'edge-label-bg', x: labelAt.x - w / 2, y: labelAt.y - 9, width: w, height: 18, rx: 4 }),
        s('text', { class: 'edge-label', x: labelAt.x, y: labelAt.y + 4, 'text-anchor': 'middle' },
          edge.label, edge.title && edge.title !== edge.label ? s('title', {}, edge.title) : null));
    }
    edgesLayer.append(g);
  }

  const focusables = [];
  for (const node of graph.nodes) {
    const box = layout.nodes[node.id];
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    if (node.kind === 'start' || node.kind === 'end') {
      nodesLayer.append(s('g', { class: `terminal terminal-${node.kind}`, 'aria-hidden': 'true' },
        s('rect', { x, y, width: box.width, height: box.height, rx: box.height / 2 }),
        s('text', { x: box.x, y: box.y + 4, 'text-anchor': 'middle' }, node.label)));
      continue;
    }
    if (node.kind === 'join') {
      nodesLayer.append(s('circle', { class: 'join', cx: box.x, cy: box.y, r: box.width / 2, 'aria-hidden': 'true' }));
      continue;
    }
    const status = summary ? statusOf(summary, node.stateName) : null;
    const look = status ? STATUSES[status] : null;
    const items = summary?.states[node.stateName]?.items;
    const label = `${node.label}, ${node.kind === 'missing' ? 'missing state' : `${node.type} state`}`
      + (look ? `, ${look.text}` : '') + (items ? `, items: ${mapCountsText(items)}` : '');
    const g = s('g', {
      class: ['state', `type-${node.type}`, status ? `status-${status}` : 'status-none', node.stateName === selected && 'selected'],
      tabindex: 0, role: 'button', 'aria-label': label, 'aria-pressed': node.stateName === selected ? 'true' : 'false',
      'data-state': node.stateName, 'data-status': status ?? '',
    },
    s('rect', { class: 'state-box', x, y, width: box.width, height: box.height, rx: 6 }),
    look ? s('text', { class: 'state-icon', x: x + 12, y: box.y + 5, 'aria-hidden': 'true' }, look.icon) : null,
    s('text', { class: 'state-name', x: x + (look ? 30 : 12), y: box.y - 3 }, node.label),
    s('text', { class: 'state-type', x: x + (look ? 30 : 12), y: box.y + 13 },
      node.kind === 'missing' ? 'missing state' : node.type + (look ? ` · ${look.text}` : '')));
    const select = () => onSelect(node.stateName);
    g.addEventListener('click', select);
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      } else if (event.key.startsWith('Arrow')) {
        event.preventDefault();
        moveFocus(focusables, g, event.key);
      }
    });
    focusables.push(g);
    nodesLayer.append(g);
  }
  container.replaceChildren(svg);
  return { svg, content, width, height };
}

function marker(id, cls) {
  return s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    s('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }));
}

function groupTitle(group) {
  switch (group.kind) {
    case 'parallel': return `Parallel: ${group.label}`;
    case 'map': return `Map: ${group.label}`;
    default: return group.label;
  }
}

/** A Map's items by status: short for the graph ("✓ 3 ✕ 1 ▶ 2 of 6"), in words for the side panel. */
export function mapCountsText(items, short = false) {
  const parts = [['✓', items.succeeded, 'succeeded'], ['✕', items.failed, 'failed'], ['▶', items.running, 'running']];
  if (items.aborted) parts.push(['⊘', items.aborted, 'aborted']);
  if (items.pending) parts.push(['○', items.pending, 'not started']);
  return short ? `${parts.map(([icon, n]) => `${icon} ${n}`).join(' ')} of ${items.length}`
    : `${parts.map(([icon, n, word]) => `${icon} ${n} ${word}`).join(', ')} (${items.length} items)`;
}

/** Arrow keys move to the nearest state in that direction, by the drawn positions. */
function moveFocus(focusables, from, key) {
  const at = (el) => el.querySelector('rect').getBBox();
  const a = at(from);
  const ax = a.x + a.width / 2;
  const ay = a.y + a.height / 2;
  let best = null;
  let bestScore = Infinity;
  for (const el of focusables) {
    if (el === from) continue;
    const b = at(el);
    const dx = b.x + b.width / 2 - ax;
    const dy = b.y + b.height / 2 - ay;
    const ok = key === 'ArrowDown' ? dy > 0 : key === 'ArrowUp' ? dy < 0 : key === 'ArrowRight' ? dx > 0 : dx < 0;
    if (!ok) continue;
    const along = key === 'ArrowDown' || key === 'ArrowUp' ? Math.abs(dy) : Math.abs(dx);
    const across = key === 'ArrowDown' || key === 'ArrowUp' ? Math.abs(dx) : Math.abs(dy);
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = el;
    }
  }
  best?.focus();
}
