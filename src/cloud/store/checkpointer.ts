/**
 * The WAL checkpointer of a SQLite store (the local server): a worker
 * thread's own connection copies committed pages from the WAL into the
 * database file, so the COMMITs on the main thread never do it themselves.
 *
 * Why the WAL must also restart (issue 17, measured): SQLite writes a WAL
 * from its start again only when a write transaction begins at a moment the
 * WAL is wholly copied. Under a steady stream of writes the worker, a thread
 * apart, never finishes exactly between two COMMITs, so the WAL grew to the
 * automatic checkpoint's backstop (20,000 pages, 80 MB), and from then on
 * COMMITs on the main thread ran checkpoints themselves: screening answers
 * at 50 connections, 4–6 COMMITs of 15–53 ms in 5 s (every request in
 * flight waits behind each). So when a pass reports more than
 * `restartPages` in the WAL, the store holds its write lock for a moment
 * (writes wait, reads and everything else go on), asks the worker to copy
 * what was committed since its pass (`catchUp`), and the next write starts
 * the WAL over. Proven by test/cloud/checkpointer.test.ts.
 *
 * Measured (screening answers through HTTP at 50 connections, 5 s runs):
 * no COMMIT over 5 ms (4–6 of 15–53 ms before), the WAL restarting about
 * twice a second at 5,000–10,000 pages, each restart holding writes 6–25 ms
 * (the worker's pass itself 5–15 ms). The p99 moved within the machine's
 * noise: 58–66 ms against 61–78 in alternating runs; `npm run bench` at 50
 * connections (screening / commitment / lesson) 48 / 50 / 41 and 58 / 60 /
 * 60 ms in two runs after, 64 / 75 / 50 the run before.
 * Tried and dropped: the final pass on the main thread (3–10 ms with the
 * event loop blocked), a pass without the lock just before (no shorter hold).
 */
import { Worker } from 'node:worker_threads';

/** What a checkpoint pass found: pages in the WAL, and how many of them are copied into the file. */
export interface WalState { log: number; checkpointed: number }

export interface Checkpointer {
  /** One pass now; null if the worker is gone or did not answer within `timeoutMs` (then nothing waits longer). */
  catchUp(): Promise<WalState | null>;
  close(): Promise<void>;
}

export interface CheckpointerOptions {
  everyMs: number;
  /** the worker connection's busy timeout */
  busyTimeoutMs: number;
  /** how long catchUp waits for the worker before giving up */
  timeoutMs: number;
  /** told after every timed pass */
  onPass(state: WalState): void;
}

/**
 * Whether a pass's report calls for starting the WAL over: it holds `restartPages` or more, something was
 * written since the previous pass (an idle WAL starts over at the next write by itself), and the pass copied
 * all it saw. A pass that copied less was held back by a read on an older snapshot (another process reading
 * for a while, a backup say): until that read ends no restart can happen, and asking would only hold the
 * writes for nothing at every pass.
 */
export const walNeedsRestart = (wal: WalState, previousLog: number, restartPages: number) =>
  wal.log >= restartPages && wal.log !== previousLog && wal.checkpointed === wal.log;

// A PASSIVE checkpoint never blocks writers or readers: it copies what no open read still needs.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.timeout });
const pass = () => {
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    return { log: r.log, checkpointed: r.checkpointed };
  } catch (e) {
    return null; // busy: next time
  }
};
const timer = setInterval(() => { const s = pass(); if (s) parentPort.postMessage({ kind: 'pass', state: s }); }, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'catch-up') { parentPort.postMessage({ kind: 'caught-up', state: pass() }); return; }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(file: string, options: CheckpointerOptions): Checkpointer {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), file, timeout: options.busyTimeoutMs, everyMs: options.everyMs },
  });
  worker.unref();
  let exited = false;
  // Answers to catch-up requests, in the order they were asked (the worker answers in order).
  const waiting: Array<(s: WalState | null) => void> = [];
  worker.on('message', (m: { kind: string; state: WalState | null }) => {
    if (m.kind === 'pass' && m.state) options.onPass(m.state);
    else if (m.kind === 'caught-up') waiting.shift()?.(m.state);
  });
  worker.once('exit', () => {
    exited = true;
    for (const answer of waiting.splice(0)) answer(null);
  });
  return {
    catchUp() {
      if (exited) return Promise.resolve(null);
      return new Promise((resolve) => {
        let done = false;
        const answer = (s: WalState | null) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve(s);
        };
        // A late answer still comes in its turn and finds this one done.
        const timer = setTimeout(() => answer(null), options.timeoutMs);
        timer.unref();
        waiting.push(answer);
        worker.postMessage('catch-up');
      });
    },
    async close() {
      if (exited) return;
      worker.ref(); // keep the process alive until it has closed its connection
      const stopped = new Promise((r) => worker.once('exit', r));
      worker.postMessage('close');
      await stopped;
    },
  };
}
