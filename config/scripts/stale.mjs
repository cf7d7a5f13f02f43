import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time of any file under dir (skipping `skip` folders). */
export function newestMtime(dir, skip = []) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip.includes(p)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, skip));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when anything the client is built from changed after `marker` was written (or it is missing). */
function clientBuildIsStale(root, marker) {
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  const inputs = Math.max(
    newestMtime(path.join(root, 'src'), [path.join(root, 'src/cloud')]),
    // config/ holds the build config; its scripts and the jest config build nothing.
    newestMtime(path.join(root, 'config'), [path.join(root, 'config/scripts'), path.join(root, 'config/jest.config.js')]),
    statSync(path.join(root, 'package.json')).mtimeMs,
  );
  return inputs > built;
}

/**
 * The H5 build is stale when anything the client is built from changed after
 * dist/h5/index.html was written (the cloud layer is not part of it).
 */
export function h5IsStale(root) {
  return clientBuildIsStale(root, path.join(root, 'dist/h5/index.html'));
}

/** The weapp build, likewise, by dist/weapp/app.js (written on every weapp build). */
export function weappIsStale(root) {
  return clientBuildIsStale(root, path.join(root, 'dist/weapp/app.js'));
}
