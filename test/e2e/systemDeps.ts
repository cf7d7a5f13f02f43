/**
 * What the browser tests need from the system: Chromium and CJK fonts (the
 * pages are Chinese). `npm test` sets them up itself where it can — as root
 * on Debian it installs `chromium fonts-noto-cjk` with apt — and otherwise
 * stops at once with one line saying what to install, never skipping a test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const APT_PACKAGES = { chromium: 'chromium', fonts: 'fonts-noto-cjk' } as const;

export interface SystemFacts {
  /** the Chromium the tests will start (CHROMIUM_PATH or /usr/bin/chromium) */
  chromium: string;
  /** CHROMIUM_PATH was set: that one is to be used, never replaced by an install */
  customPath: boolean;
  chromiumFound: boolean;
  /** a Noto Sans CJK font is installed (checked on Linux only: other systems ship CJK fonts) */
  fontsFound: boolean;
  root: boolean;
  /** Debian or a derivative with apt-get */
  apt: boolean;
}

export type SetupPlan = { kind: 'ready' } | { kind: 'install'; packages: string[] } | { kind: 'stop'; message: string };

/** Decides what to do; pure, so every case is tested (systemDeps.test.ts). */
export function planSetup(f: SystemFacts): SetupPlan {
  const missing: string[] = [];
  if (!f.chromiumFound && !f.customPath) missing.push(APT_PACKAGES.chromium);
  if (!f.fontsFound) missing.push(APT_PACKAGES.fonts);
  if (f.customPath && !f.chromiumFound) {
    return { kind: 'stop', message: `The browser tests cannot start: CHROMIUM_PATH=${f.chromium} does not exist. Point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.` };
  }
  if (!missing.length) return { kind: 'ready' };
  if (f.root && f.apt) return { kind: 'install', packages: missing };
  return {
    kind: 'stop',
    message: `The browser tests need ${missing.join(' and ')}: install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')})${missing.includes(APT_PACKAGES.chromium) ? ', or set CHROMIUM_PATH to a Chromium binary' : ''}, then run npm test again.`,
  };
}

const CJK_FONT = /Noto ?Sans ?CJK|Noto ?Serif ?CJK/i;

/** Font files under a folder (fontconfig's fc-list is not always installed with the fonts). */
function hasFontFile(dir: string, depth = 4): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) => (e.isDirectory() ? depth > 0 && hasFontFile(path.join(dir, e.name), depth - 1) : CJK_FONT.test(e.name)));
}

function hasCjkFonts(): boolean {
  if (process.platform !== 'linux') return true;
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.status === 0 && CJK_FONT.test(r.stdout)) return true;
  return hasFontFile('/usr/share/fonts');
}

export function systemFacts(env: NodeJS.ProcessEnv = process.env): SystemFacts {
  const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
  return {
    chromium,
    customPath: Boolean(env.CHROMIUM_PATH),
    chromiumFound: existsSync(chromium),
    fontsFound: hasCjkFonts(),
    root: typeof process.getuid === 'function' && process.getuid() === 0,
    apt: existsSync('/etc/debian_version') && spawnSync('apt-get', ['--version']).status === 0,
  };
}

/** A failure that prints as its one line (jest prints a global setup's error with its stack). */
function stop(message: string): Error {
  const e = new Error(message);
  e.stack = message;
  return e;
}

/** Makes sure Chromium and the fonts are there, installing them with apt when allowed; throws one line otherwise. */
export function ensureSystemDeps(): void {
  const plan = planSetup(systemFacts());
  if (plan.kind === 'ready') return;
  if (plan.kind === 'stop') throw stop(plan.message);
  process.stdout.write(`\nThe browser tests need ${plan.packages.join(' ')}: installing with apt-get (running as root on Debian)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...plan.packages], { stdio: 'inherit', env });
  } catch {
    throw stop(`Installing ${plan.packages.join(' ')} with apt-get failed (see above): install them by hand, or set CHROMIUM_PATH to a Chromium binary, then run npm test again.`);
  }
  const after = planSetup(systemFacts());
  if (after.kind !== 'ready') throw stop(`apt-get installed ${plan.packages.join(' ')}, yet the browser tests still cannot find what they need: ${after.kind === 'stop' ? after.message : after.packages.join(' ')}`);
}
