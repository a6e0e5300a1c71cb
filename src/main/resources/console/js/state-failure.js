// Why a state failed when its own history events do not say. AWS writes no error into
// FailStateEntered, ParallelStateFailed or MapStateFailed: a Fail state's error and cause come from
// its definition (Error/Cause as written, or ErrorPath/CausePath and JSONata that the engine
// evaluates against the state's input), and a Parallel's or Map's failure is that of the state
// inside it that failed. Pure: node --test checks it.

const JSONATA = /^\s*\{%[\s\S]*%\}\s*$/;

/** The scopes (objects with States) nested directly in a state: Parallel branches, a Map's processor. */
function innerScopes(state) {
  if (!state || typeof state !== 'object') return [];
  if (state.Type === 'Parallel') return Array.isArray(state.Branches) ? state.Branches : [];
  if (state.Type === 'Map') return [state.ItemProcessor ?? state.Iterator].filter(Boolean);
  return [];
}

function statesOf(scope) {
  return scope && typeof scope.States === 'object' && scope.States !== null ? scope.States : {};
}

/** The definition of the state named {@code name}, at any depth (state names are unique in a machine). */
export function findState(asl, name) {
  const queue = [asl];
  while (queue.length) {
    const states = statesOf(queue.shift());
    if (Object.hasOwn(states, name)) return states[name];
    for (const state of Object.values(states)) queue.push(...innerScopes(state));
  }
  return null;
}

/** The names of the states inside a Parallel's branches or a Map's processor, nested ones included, in definition order. */
export function innerStateNames(state) {
  const names = [];
  for (const scope of innerScopes(state)) {
    for (const [name, inner] of Object.entries(statesOf(scope))) {
      names.push(name, ...innerStateNames(inner));
    }
  }
  return names;
}

const literal = (value) => (typeof value === 'string' && !JSONATA.test(value) ? value : null);

/**
 * The error and cause of the failed (or caught) state {@code name}: { error, cause, from } where
 * from names the state that raised it, and, for a Fail state whose error or cause is computed,
 * evaluate: { state, input } to ask the engine (TestState) for the values. Null when nothing
 * failed there.
 */
export function failureOf(asl, summary, name) {
  const state = summary.states[name];
  if (!state || (state.status !== 'failed' && state.status !== 'caught')) return null;
  if (state.error !== null || state.cause !== null) return { error: state.error, cause: state.cause, from: name, evaluate: null };
  const definition = findState(asl, name);
  if (!definition) return null;
  if (definition.Type === 'Fail') {
    const error = literal(definition.Error);
    const cause = literal(definition.Cause);
    const computed = definition.ErrorPath !== undefined || definition.CausePath !== undefined
      || (definition.Error !== undefined && error === null) || (definition.Cause !== undefined && cause === null);
    // A state inherits the machine's query language; TestState sees the state alone.
    const alone = definition.QueryLanguage === undefined && asl.QueryLanguage !== undefined
      ? { ...definition, QueryLanguage: asl.QueryLanguage } : definition;
    return { error, cause, from: name, evaluate: computed ? { state: alone, input: state.input } : null };
  }
  for (const inner of innerStateNames(definition)) {
    if (summary.states[inner]?.status === 'failed') {
      const found = failureOf(asl, summary, inner);
      if (found) return found;
    }
  }
  return null;
}
