// Where in a JSON text a diagnostic's location points: ValidateStateMachineDefinition names the
// place by a JSON-pointer-like path ("/States/Wait/Next"); the editor marks the characters. Pure:
// node --test checks it.

/** The text parsed into a tree that keeps each value's and key's [from, to) offsets; throws on bad JSON. */
export function positionedTree(text) {
  let i = 0;
  const fail = () => { throw new SyntaxError(`Unexpected character at ${i}`); };
  const space = () => { while (i < text.length && /\s/.test(text[i])) i += 1; };
  const string = () => {
    const from = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i += 1;
    return { from, to: i, text: JSON.parse(text.slice(from, i)) };
  };
  const value = () => {
    space();
    const from = i;
    if (text[i] === '{') {
      i += 1;
      const entries = [];
      space();
      if (text[i] === '}') return { type: 'object', from, to: ++i, entries };
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        const key = string();
        space();
        if (text[i] !== ':') fail();
        i += 1;
        entries.push({ key: key.text, keyFrom: key.from, keyTo: key.to, value: value() });
        space();
        if (text[i] === '}') return { type: 'object', from, to: ++i, entries };
        if (text[i] !== ',') fail();
        i += 1;
      }
    }
    if (text[i] === '[') {
      i += 1;
      const items = [];
      space();
      if (text[i] === ']') return { type: 'array', from, to: ++i, items };
      for (;;) {
        items.push(value());
        space();
        if (text[i] === ']') return { type: 'array', from, to: ++i, items };
        if (text[i] !== ',') fail();
        i += 1;
      }
    }
    if (text[i] === '"') return { type: 'scalar', ...string() };
    const scalar = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!scalar) fail();
    i += scalar[0].length;
    return { type: 'scalar', from, to: i };
  };
  const root = value();
  space();
  if (i < text.length) fail();
  return root;
}

/**
 * The [from, to) range of {@code location} in {@code text}: the value when it is a scalar, else
 * its key; as far as the path exists (a missing field marks the object that lacks it). A path
 * segment may itself hold '/' (a state named "a/b"): the longest key that matches wins. Returns
 * null when the text is not JSON or the location is not a path.
 */
export function locate(text, location) {
  if (typeof location !== 'string' || !location.startsWith('/')) return null;
  let node;
  try {
    node = positionedTree(text);
  } catch {
    return null;
  }
  const segments = location.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let range = { from: node.from, to: node.type === 'scalar' ? node.to : node.from + 1 };
  let at = 0;
  while (at < segments.length) {
    let next = null;
    if (node.type === 'object') {
      for (let j = segments.length; j > at && !next; j--) {
        const key = segments.slice(at, j).join('/');
        const entry = node.entries.find((e) => e.key === key);
        if (entry) next = { entry, used: j - at };
      }
    } else if (node.type === 'array' && /^\d+$/.test(segments[at]) && node.items[Number(segments[at])]) {
      const item = node.items[Number(segments[at])];
      next = { entry: { keyFrom: item.from, keyTo: item.type === 'scalar' ? item.to : item.from + 1, value: item }, used: 1 };
    }
    if (!next) break;
    node = next.entry.value;
    at += next.used;
    range = node.type === 'scalar' ? { from: node.from, to: node.to } : { from: next.entry.keyFrom, to: next.entry.keyTo };
  }
  return range;
}

/** The offset of "line L, column C" (1-based, as parsers report them) in {@code text}, or null. */
export function lineColumnOffset(text, message) {
  const match = /line\s+(\d+)\D{1,12}col(?:umn)?\s+(\d+)/i.exec(String(message ?? ''));
  if (!match) return null;
  const lines = text.split('\n');
  const line = Math.min(Number(match[1]), lines.length) - 1;
  let offset = 0;
  for (let l = 0; l < line; l++) offset += lines[l].length + 1;
  return Math.min(offset + Math.max(0, Number(match[2]) - 1), text.length);
}
