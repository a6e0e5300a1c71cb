// Execution history (GetExecutionHistory events) → the status of each state, its last input,
// output, error and cause, and Map item counts. Pure: node --test checks it.

/** Statuses a state can show, each with the text and icon that go with its colour. */
export const STATUSES = {
  notStarted: { text: 'Not started', icon: '○' },
  running: { text: 'In progress', icon: '▶' },
  succeeded: { text: 'Succeeded', icon: '✓' },
  failed: { text: 'Failed', icon: '✕' },
  caught: { text: 'Caught error', icon: '⚠' },
  aborted: { text: 'Aborted', icon: '⊘' },
};

/** When one state was visited several times (a loop, Map items), the visit shown first wins. */
const PRECEDENCE = ['running', 'failed', 'caught', 'aborted', 'succeeded'];

/** The member holding an event's details: AWS names it after the event (taskFailedEventDetails …). */
export function detailsOf(event) {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') return value;
  }
  return {};
}

const isEntered = (type) => type.endsWith('StateEntered');
const isExited = (type) => type.endsWith('StateExited');
const MAP_ITERATION = /^MapIteration(Started|Succeeded|Failed|Aborted)$/;
const FAN_OUT_FAILURE = /^(Map|Parallel)State(Failed|Aborted)$/;

/** An event that says the work of the state it belongs to failed (a task, a Lambda, an activity, …). */
function isFailure(event) {
  const type = event.type;
  if (MAP_ITERATION.test(type) || type === 'ExecutionAborted') return false;
  return /(Failed|TimedOut)$/.test(type) || type === 'EvaluationFailed';
}

/** A step of the state's work that is not a failure: a retry resumes with one of these. */
function isProgress(type) {
  return /(Scheduled|Started|Submitted|Succeeded)$/.test(type) && !MAP_ITERATION.test(type);
}

/**
 * The states' statuses after {@code events} (in any order; they are sorted by id), for an
 * execution whose status is {@code executionStatus} (RUNNING, SUCCEEDED, FAILED, TIMED_OUT,
 * ABORTED, PENDING_REDRIVE). Returns { states: {name → summary}, maps: {name → item counts},
 * execution: {error, cause}, eventStates: {event id → state name} }.
 */
export function historyStatus(events, executionStatus) {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const byId = new Map();
  const owner = new Map(); // event id → the visit it belongs to, found through previousEventId
  const visits = []; // { name, type, enteredId, input, output, exited, outcome, error, cause }
  const openByName = new Map();
  const maps = {};
  const execution = { error: null, cause: null };
  const eventStates = {}; // event id → the name of the state it belongs to
  let redrives = 0;
  for (const event of sorted) {
    if (event.type === 'ExecutionRedriven') redrives += 1;
    byId.set(event.id, event);
    const details = detailsOf(event);
    const previous = byId.get(event.previousEventId);
    let visit = null;
    if (isEntered(event.type)) {
      visit = {
        name: details.name, type: event.type.slice(0, -'StateEntered'.length), enteredId: event.id, run: redrives,
        input: details.input ?? null, output: null, exited: false, outcome: 'pending', error: null, cause: null,
      };
      visits.push(visit);
      if (!openByName.has(visit.name)) openByName.set(visit.name, []);
      openByName.get(visit.name).push(visit);
    } else if (previous && !isExited(previous.type)) {
      visit = owner.get(previous.id) ?? null;
    }
    if (isExited(event.type)) {
      // Parallel and Map exits follow their branches' last events, so the chain may not lead to
      // the visit: then the name does (the newest open visit of that state).
      const open = openByName.get(details.name) ?? [];
      const mine = visit && visit.name === details.name && !visit.exited ? visit : open[open.length - 1];
      if (mine) {
        mine.exited = true;
        mine.output = details.output ?? null;
        open.splice(open.indexOf(mine), 1);
        visit = mine;
      }
    }
    const fanOut = FAN_OUT_FAILURE.exec(event.type);
    if (fanOut) {
      // A Map's or Parallel's own failure follows its branch's last event, not the Map's: it is the
      // newest open visit of that type that failed (and, when caught, exits next).
      visit = [...visits].reverse().find((v) => !v.exited && v.type === fanOut[1]) ?? visit;
    }
    owner.set(event.id, visit);
    if (visit) eventStates[event.id] = visit.name;
    if (event.type === 'MapStateStarted' && visit) {
      counts(maps, visit.name).length = details.length ?? 0;
    }
    if (MAP_ITERATION.test(event.type) && details.name) {
      const c = counts(maps, details.name);
      const what = MAP_ITERATION.exec(event.type)[1].toLowerCase();
      c[what] += 1;
    }
    if (event.type.startsWith('Execution') && (details.error !== undefined || details.cause !== undefined)) {
      execution.error = details.error ?? null;
      execution.cause = details.cause ?? null;
    }
    if (!visit) continue;
    if (isFailure(event)) {
      visit.outcome = 'failed';
      if (details.error !== undefined || details.cause !== undefined) {
        visit.error = details.error ?? null;
        visit.cause = details.cause ?? null;
      }
    } else if (isProgress(event.type)) {
      visit.outcome = 'pending';
    }
  }
  const running = executionStatus === 'RUNNING' || executionStatus === undefined;
  // After a redrive, a state that ran again shows how it went in the newest run only.
  const lastRun = {};
  for (const visit of visits) lastRun[visit.name] = Math.max(lastRun[visit.name] ?? 0, visit.run);
  const states = {};
  for (const visit of visits.filter((v) => v.run === lastRun[v.name])) {
    const status = visitStatus(visit, running);
    const s = states[visit.name] ?? (states[visit.name] = {
      name: visit.name, type: visit.type, status, visits: 0, input: null, output: null, error: null, cause: null,
    });
    s.visits += 1;
    if (PRECEDENCE.indexOf(status) < PRECEDENCE.indexOf(s.status)) s.status = status;
    // The newest visit's data, but a failure's error stays visible once there was one.
    s.input = visit.input;
    s.output = visit.exited ? visit.output : s.output;
    if (visit.error !== null || visit.cause !== null) {
      s.error = visit.error;
      s.cause = visit.cause;
    }
  }
  for (const [name, c] of Object.entries(maps)) {
    c.running = Math.max(0, c.started - c.succeeded - c.failed - c.aborted);
    c.pending = Math.max(0, c.length - c.started);
    if (states[name]) states[name].items = c;
  }
  return { states, maps, execution, eventStates };
}

function counts(maps, name) {
  return maps[name] ?? (maps[name] = { length: 0, started: 0, succeeded: 0, failed: 0, aborted: 0 });
}

function visitStatus(visit, executionRunning) {
  if (visit.exited) return visit.outcome === 'failed' ? 'caught' : 'succeeded';
  // A Fail state has no Exited event: entering it is failing.
  if (visit.outcome === 'failed' || visit.type === 'Fail') return 'failed';
  if (executionRunning) return 'running';
  // The execution ended with this visit open: the Parallel or Map that failed with its branch,
  // or a state its failing sibling branch cut short.
  return visit.type === 'Parallel' || visit.type === 'Map' ? 'failed' : 'aborted';
}

/** The status of a state by name, not started when the history never entered it. */
export function statusOf(summary, name) {
  return summary.states[name]?.status ?? 'notStarted';
}
