/**
 * Starts the real local server (dist/server/main.js, what `npm start` runs)
 * on a free port with a fresh DATA_DIR, and reads the URL it prints.
 * The process itself is launched by test/reliability/server.ts (which can
 * also kill it with SIGKILL and restart it on the same files).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runServer } from '../reliability/server';

export interface RunningServer { url: string; dataDir: string; output: () => string; stop(): Promise<void> }

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huhang-e2e-'));
  const server = await runServer(dataDir, extraEnv).catch((e) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  return {
    url: server.url.replace(/\/?$/, '/'),
    dataDir,
    output: server.output,
    stop: async () => {
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
