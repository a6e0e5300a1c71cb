// ASL definition → graph model: nodes, groups (Parallel, its branches, Map and its item
// processor) and edges (Next, Choice rules, Default, Catch, branch entry and exit). Pure: no DOM,
// no layout, so node --test checks it.

const MAX_LABEL = 48;

/** Choice comparison operators as short symbols; the rest keep their ASL name. */
const OPERATORS = {
  StringEquals: '==', NumericEquals: '==', BooleanEquals: '==', TimestampEquals: '==',
  StringLessThan: '<', NumericLessThan: '<', TimestampLessThan: '<',
  StringGreaterThan: '>', NumericGreaterThan: '>', TimestampGreaterThan: '>',
  StringLessThanEquals: '<=', NumericLessThanEquals: '<=', TimestampLessThanEquals: '<=',
  StringGreaterThanEquals: '>=', NumericGreaterThanEquals: '>=', TimestampGreaterThanEquals: '>=',
  StringMatches: 'matches',
};

const TYPE_TESTS = ['IsPresent', 'IsNull', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];

export const START = 'start';
export const END = 'end';

export function stateNodeId(name) {
  return `s:${name}`;
}

/** The readable text of a Choice rule, e.g. `$.n > 10`, `not ($.a == "x")`, or a JSONata Condition. */
export function ruleText(rule) {
  if (!rule || typeof rule !== 'object') return '?';
  if (typeof rule.Condition === 'string') return stripJsonata(rule.Condition);
  if (Array.isArray(rule.And)) return rule.And.map((r) => `(${ruleText(r)})`).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((r) => `(${ruleText(r)})`).join(' or ');
  if (rule.Not) return `not (${ruleText(rule.Not)})`;
  const variable = rule.Variable ?? '?';
  for (const test of TYPE_TESTS) {
    if (test in rule) {
      const what = test.slice(2).toLowerCase();
      return `${variable} ${rule[test] ? 'is' : 'is not'} ${test === 'IsPresent' ? 'present' : what}`;
    }
  }
  for (const [name, symbol] of Object.entries(OPERATORS)) {
    if (name in rule) return `${variable} ${symbol} ${JSON.stringify(rule[name])}`;
    if (`${name}Path` in rule) return `${variable} ${symbol} ${rule[`${name}Path`]}`;
  }
  return variable;
}

function stripJsonata(text) {
  const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(text);
  return m ? m[1].trim() : text;
}

export function shorten(text, max = MAX_LABEL) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function catchLabel(catcher) {
  const errors = Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals : [];
  return `Catch: ${errors.join(', ')}`;
}

/**
 * The graph of a definition (an object or JSON text). Throws an Error saying what is wrong when
 * the text is not a JSON object with States; a Next naming no state still draws (as a missing node).
 */
export function aslGraph(definition) {
  const asl = typeof definition === 'string' ? JSON.parse(definition) : definition;
  if (!asl || typeof asl !== 'object' || typeof asl.States !== 'object' || asl.States === null) {
    throw new Error('The definition has no States object');
  }
  const graph = { nodes: [], groups: [], edges: [], states: {}, order: [] };
  graph.nodes.push({ id: START, kind: 'start', label: 'Start', parent: null });
  graph.nodes.push({ id: END, kind: 'end', label: 'End', parent: null });
  addScope(graph, asl, null, END);
  if (typeof asl.StartAt === 'string') {
    graph.edges.push({ from: START, to: target(graph, asl.StartAt, null), kind: 'start', label: '' });
  }
  return graph;
}

/** Adds the states of one scope (the machine, a branch, an item processor); terminals go to {@code exit}. */
function addScope(graph, scope, parent, exit) {
  const states = scope.States && typeof scope.States === 'object' ? scope.States : {};
  for (const [name, state] of Object.entries(states)) {
    addState(graph, name, state ?? {}, parent, exit);
  }
}

function addState(graph, name, state, parent, exit) {
  const id = stateNodeId(name);
  const type = typeof state.Type === 'string' ? state.Type : '?';
  graph.states[name] = { id, type, parent };
  let from = id; // where the state's own transitions leave from
  if (type === 'Parallel' || type === 'Map') {
    const group = `g:${name}`;
    graph.groups.push({ id: group, kind: type.toLowerCase(), label: name, parent });
    graph.nodes.push({ id, kind: 'state', type, label: name, stateName: name, parent: group });
    const join = `j:${name}`;
    graph.nodes.push({ id: join, kind: 'join', label: '', stateName: name, parent: group });
    from = join;
    const scopes = type === 'Parallel' ? (Array.isArray(state.Branches) ? state.Branches : [])
      : [state.ItemProcessor ?? state.Iterator ?? {}];
    scopes.forEach((inner, i) => {
      const innerGroup = `${group}#${i}`;
      graph.groups.push({
        id: innerGroup,
        kind: type === 'Parallel' ? 'branch' : 'processor',
        label: type === 'Parallel' ? `Branch ${i + 1}` : (state.ItemProcessor ? 'ItemProcessor' : 'Iterator'),
        parent: group,
      });
      addScope(graph, inner ?? {}, innerGroup, join);
      if (inner && typeof inner.StartAt === 'string') {
        graph.edges.push({ from: id, to: stateNodeId(inner.StartAt), kind: 'branch', label: '' });
      }
    });
    if (scopes.length === 0) graph.edges.push({ from: id, to: join, kind: 'branch', label: '' });
    // Branches left to right in the order the definition lists them (the layout keeps these pairs).
    for (let i = 1; i < scopes.length; i++) graph.order.push({ left: `${group}#${i - 1}`, right: `${group}#${i}` });
  } else {
    graph.nodes.push({ id, kind: 'state', type, label: name, stateName: name, parent });
  }
  if (type === 'Choice') {
    (Array.isArray(state.Choices) ? state.Choices : []).forEach((rule) => {
      const text = ruleText(rule);
      graph.edges.push({ from, to: target(graph, rule.Next, parent), kind: 'choice', label: shorten(text), title: text });
    });
    if (typeof state.Default === 'string') {
      graph.edges.push({ from, to: target(graph, state.Default, parent), kind: 'default', label: 'Default' });
    }
  } else if (typeof state.Next === 'string') {
    graph.edges.push({ from, to: target(graph, state.Next, parent), kind: 'next', label: '' });
  } else if (state.End === true || type === 'Succeed' || type === 'Fail') {
    graph.edges.push({ from, to: exit, kind: 'end', label: '' });
  }
  (Array.isArray(state.Catch) ? state.Catch : []).forEach((catcher) => {
    const text = catchLabel(catcher);
    graph.edges.push({ from, to: target(graph, catcher.Next, parent), kind: 'catch', label: shorten(text), title: text });
  });
}

/** The node of a transition's target; a name no state has gets a node of its own, marked missing. */
function target(graph, name, parent) {
  const id = stateNodeId(String(name));
  graph.pending ??= [];
  graph.pending.push({ id, name: String(name), parent });
  return id;
}

/** The graph with missing targets added as nodes, so a half-typed definition still draws. */
export function completeGraph(graph) {
  const known = new Set(graph.nodes.map((n) => n.id));
  for (const { id, name, parent } of graph.pending ?? []) {
    if (!known.has(id)) {
      known.add(id);
      graph.nodes.push({ id, kind: 'missing', type: 'missing', label: name, stateName: name, parent });
    }
  }
  delete graph.pending;
  return graph;
}

/** aslGraph + completeGraph: what the views draw. */
export function definitionGraph(definition) {
  return completeGraph(aslGraph(definition));
}
