// A definition drawn in a panel: ASL → graph model → dagre layout → SVG, fitted to the panel
// and zoomable (graph-viewport.js).

import { definitionGraph } from './asl-graph.js';
import { layoutGraph } from './layout.js';
import { renderGraph } from './graph-view.js';
import { viewportOf } from './graph-viewport.js';
import { h } from './dom.js';

let dagre = null;

/** The layout library, copied from npm into vendor/ by the build (no CDN). */
async function loadDagre() {
  if (!dagre) {
    const module = await import('../vendor/dagre.esm.js');
    dagre = module.default ?? module;
  }
  return dagre;
}

/**
 * Draws {@code definition} (JSON text or object) into {@code container}; options as renderGraph
 * takes them. A definition that does not parse leaves the message in the panel instead.
 */
export async function drawDefinition(container, definition, options = {}) {
  let graph;
  try {
    graph = definitionGraph(definition);
  } catch (e) {
    container.replaceChildren(h('p', { class: 'graph-message' }, `Cannot draw the graph: ${e.message}`));
    return null;
  }
  let library;
  try {
    library = await loadDagre();
  } catch (e) {
    container.replaceChildren(h('p', { class: 'graph-message', role: 'alert' },
      'The layout library (vendor/dagre.esm.js) did not load: build the console with ./mvnw package after npm ci.'));
    return null;
  }
  const layout = layoutGraph(graph, library);
  const viewport = viewportOf(container);
  const drawn = renderGraph(viewport.stage, graph, layout, options);
  viewport.show(drawn.svg, drawn.content, drawn.width, drawn.height);
  return drawn.svg;
}
