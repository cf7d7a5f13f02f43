/**
 * The bundled local server (dist/server/main.js) as a child process on a
 * DATA_DIR the test owns, so it can be killed with SIGKILL and started again
 * on the same files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function runServer(dataDir: string, extraEnv: Record<string, string> = {}, script?: string): Promise<ServerProcess> {
  const root = path.resolve(__dirname, '../..');
  const child: ChildProcess = spawn('node', [script ?? path.join(root, 'dist/server/main.js')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s:\n' + out)), 20_000);
    child.stdout!.on('data', () => {
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  return {
    url,
    output: () => out,
    kill: (signal = 'SIGTERM') => new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    }),
  };
}

export interface Envelope { ok: boolean; data?: any; error?: { code: string; message: string } }

export async function post(url: string, body: unknown, token?: string): Promise<Envelope> {
  const res = await fetch(url + '/api', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Envelope;
}
