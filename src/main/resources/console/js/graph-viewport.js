// The graph's view: fitted to the panel at first, then zoomed (buttons, Ctrl/⌘ + wheel or a
// pinch) and panned (drag) by the reader. The view survives redraws of the same graph (an
// execution refreshes every second), and a state that gets keyboard focus is brought into view.

import { h } from './dom.js';

const MIN_SCALE = 0.1;
const MAX_SCALE = 4;
const STEP = 1.25;
const PAD = 12; // px between the fitted graph and the panel's edge
const MIN_HEIGHT = 160;
const DRAG_THRESHOLD = 4; // px a press moves before it counts as a pan, not a click

/** The scale and offsets that fit a w × h graph into a W × H stage, never enlarging it. */
export function fitTransform(w, h, W, H) {
  const k = Math.max(MIN_SCALE, Math.min(1, (W - 2 * PAD) / w, (H - 2 * PAD) / h));
  return { k, x: (W - k * w) / 2, y: (H - k * h) / 2 };
}

/** The transform after zooming by {@code factor} about the stage point (px, py), which stays put. */
export function zoomAbout(t, factor, px, py) {
  const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, t.k * factor));
  return { k, x: px - ((px - t.x) * k) / t.k, y: py - ((py - t.y) * k) / t.k };
}

/** The panel's stage height for a graph h tall: all of it when it fits, else most of the window's height. */
function stageHeight(w, h, W) {
  const most = Math.max(360, window.innerHeight - 140);
  const k = Math.min(1, (W - 2 * PAD) / w);
  return Math.round(Math.max(MIN_HEIGHT, Math.min(most, h * k + 2 * PAD)));
}

class GraphViewport {
  constructor(panel) {
    this.panel = panel;
    this.transform = null;
    this.fitted = true; // until the reader zooms or pans, the graph follows the panel's size
    this.size = null;
    this.level = h('span', { class: 'zoom-level', 'aria-live': 'polite' });
    const button = (label, text, action) => h('button', { type: 'button', class: 'zoom', 'aria-label': label, title: label,
      onclick: action }, text);
    this.toolbar = h('div', { class: 'graph-toolbar', role: 'toolbar', 'aria-label': 'Graph view' },
      button('Zoom in', '+', () => this.zoomCentre(STEP)),
      button('Zoom out', '−', () => this.zoomCentre(1 / STEP)),
      button('Fit to view', 'Fit', () => this.fit()),
      button('Actual size', '100%', () => this.actualSize()),
      this.level,
      h('span', { class: 'hint' }, 'Drag to pan · Ctrl + wheel to zoom'));
    this.stage = h('div', { class: 'graph-stage' });
    this.root = h('div', { class: 'graph-viewport' }, this.toolbar, this.stage);
    this.listen();
  }

  /** Shows {@code svg} (whose content group is {@code content}) for a graph of the given size. */
  show(svg, content, width, height) {
    this.svg = svg;
    this.content = content;
    const sameGraph = this.size && this.size.width === width && this.size.height === height;
    this.size = { width, height };
    if (!sameGraph) {
      this.fitted = true;
      this.stage.style.height = `${stageHeight(width, height, this.stage.clientWidth || 600)}px`;
    }
    if (this.fitted || !this.transform) this.fit(false);
    else this.apply();
  }

  fit(byReader = true) {
    if (!this.size) return;
    this.fitted = true;
    this.transform = fitTransform(this.size.width, this.size.height, this.stage.clientWidth || 600, this.stage.clientHeight || 400);
    this.apply();
    if (byReader) this.stage.focus?.();
  }

  actualSize() {
    this.zoomCentre(1 / (this.transform?.k ?? 1));
  }

  zoomCentre(factor) {
    this.zoomAt(factor, this.stage.clientWidth / 2, this.stage.clientHeight / 2);
  }

  zoomAt(factor, px, py) {
    if (!this.transform) return;
    this.fitted = false;
    this.transform = zoomAbout(this.transform, factor, px, py);
    this.apply();
  }

  panBy(dx, dy) {
    if (!this.transform) return;
    this.fitted = false;
    this.transform = { ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy };
    this.apply();
  }

  apply() {
    const { k, x, y } = this.transform;
    this.content?.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${k.toFixed(4)})`);
    this.level.textContent = `${Math.round(k * 100)}%`;
    this.panel.dataset.zoom = k.toFixed(3);
  }

  /** Pans just enough for the graph box (in graph coordinates) to be inside the stage. */
  reveal(box) {
    const { k, x, y } = this.transform;
    const W = this.stage.clientWidth;
    const H = this.stage.clientHeight;
    const left = x + box.x * k;
    const top = y + box.y * k;
    const right = left + box.width * k;
    const bottom = top + box.height * k;
    const dx = left < PAD ? PAD - left : right > W - PAD ? W - PAD - right : 0;
    const dy = top < PAD ? PAD - top : bottom > H - PAD ? H - PAD - bottom : 0;
    if (dx || dy) this.panBy(dx, dy);
  }

  listen() {
    this.stage.addEventListener('wheel', (event) => {
      // A plain wheel scrolls the page; Ctrl/⌘ + wheel (and a trackpad's pinch) zooms the graph.
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const r = this.stage.getBoundingClientRect();
      this.zoomAt(Math.exp(-event.deltaY * 0.002), event.clientX - r.left, event.clientY - r.top);
    }, { passive: false });
    let press = null;
    this.stage.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      press = { id: event.pointerId, x: event.clientX, y: event.clientY, panning: false };
    });
    this.stage.addEventListener('pointermove', (event) => {
      if (!press || press.id !== event.pointerId) return;
      const dx = event.clientX - press.x;
      const dy = event.clientY - press.y;
      if (!press.panning && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!press.panning) {
        press.panning = true;
        this.stage.setPointerCapture(event.pointerId);
        this.stage.classList.add('panning');
      }
      press.x = event.clientX;
      press.y = event.clientY;
      this.panBy(dx, dy);
    });
    let endedPan = false;
    // The click that follows the end of a pan must not select the state under the pointer.
    this.stage.addEventListener('click', (event) => {
      if (endedPan) event.stopPropagation();
    }, { capture: true });
    const release = (event) => {
      if (!press || press.id !== event.pointerId) return;
      if (press.panning) {
        this.stage.classList.remove('panning');
        endedPan = true;
        setTimeout(() => { endedPan = false; }, 0);
      }
      press = null;
    };
    this.stage.addEventListener('pointerup', release);
    this.stage.addEventListener('pointercancel', release);
    this.stage.addEventListener('focusin', (event) => {
      const rect = event.target.closest?.('[data-state]')?.querySelector('rect');
      if (rect && this.transform) this.reveal(rect.getBBox());
    });
    new ResizeObserver(() => {
      if (this.fitted && this.size) this.fit(false);
    }).observe(this.stage);
  }
}

const viewports = new WeakMap();

/** The panel's viewport, made (or made again, after the panel showed a message instead) on first use. */
export function viewportOf(panel) {
  let viewport = viewports.get(panel);
  if (!viewport || !panel.contains(viewport.root)) {
    viewport = new GraphViewport(panel);
    viewports.set(panel, viewport);
    panel.replaceChildren(viewport.root);
  }
  return viewport;
}
