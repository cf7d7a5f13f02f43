/**
 * Sharing the event loop. Every call on the SQLite store is synchronous work
 * under a promise that is already settled, so a chain of awaited store calls
 * runs from start to end in one turn of the event loop: nothing else is
 * served meanwhile, no request, no timer. Measured before this module: the
 * scheduler preparing holiday reminders for 20,000 guardians (60,000 rows)
 * held the loop for 1.2 s, during which a 10 ms timer fired 0 times; the
 * city's 450,000 would hold it for about 36 s, with the local server's API
 * answering nothing.
 *
 * So a store call first asks `yieldIfTurnIsLong`: once the store's calls in
 * the current turn have taken TURN_BUDGET_MS, the call waits for the next
 * turn (setImmediate), and requests waiting on the network are read first.
 * One clock for the process (there is one event loop), shared by every
 * store. A short request never waits: its calls take well under the budget.
 * Test: test/cloud/turns.test.ts.
 */

/**
 * How long store calls may hold one turn (ms). A request waiting behind a long job waits about this long, at
 * worst. Measured against 3 and 30 (screening.submit through HTTP, 50 connections, three runs each): 10 gave
 * 1,845-2,176 answers a second, 3 gave 1,226-1,947 and 30 gave 1,457-1,584; at 10 connections no difference.
 */
export const TURN_BUDGET_MS = 10;

let turnStartedAt: number | null = null;
const resetTurn = () => { turnStartedAt = null; };

/**
 * The calls waiting for the next turn, in the order they asked. All of them go on together, from one
 * callback: each on its own callback would run its whole chain before the next one moved, where without
 * the wait they take turns at every await. So parallel requests keep the order they had (a burst of
 * guesses at a report's secret is checked in the order it came: test/cloud/security-limits.test.ts).
 */
let waiting: Array<() => void> | null = null;
const goOn = () => {
  const all = waiting ?? [];
  waiting = null;
  turnStartedAt = null;
  for (const resolve of all) resolve();
};

/** Resolves at once while this turn is young; past the budget, on the next turn. */
export function yieldIfTurnIsLong(): Promise<void> | undefined {
  const now = performance.now();
  if (turnStartedAt === null) {
    turnStartedAt = now;
    // Runs at the end of this turn (or of the next, when scheduled from the check phase): the next store call starts a new count.
    setImmediate(resetTurn);
    return undefined;
  }
  if (now - turnStartedAt < TURN_BUDGET_MS) return undefined;
  if (!waiting) {
    waiting = [];
    setImmediate(goOn);
  }
  const queue = waiting;
  return new Promise<void>((resolve) => { queue.push(resolve); });
}
