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

/**
 * The H5 build is stale when anything the client is built from changed after
 * dist/h5/index.html was written (the cloud layer is not part of it).
 */
export function h5IsStale(root) {
  const marker = path.join(root, 'dist/h5/index.html');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  const inputs = Math.max(
    newestMtime(path.join(root, 'src'), [path.join(root, 'src/cloud')]),
    newestMtime(path.join(root, 'config'), [path.join(root, 'config/scripts')]),
    statSync(path.join(root, 'package.json')).mtimeMs,
  );
  return inputs > built;
}
