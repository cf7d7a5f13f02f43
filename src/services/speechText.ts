/** Text preparation for read-aloud, the same on every platform. */

/** The plugin reads at most a few hundred characters a call: split at sentence ends. */
export function chunks(text: string, max = 280): string[] {
  const out: string[] = [];
  let cur = '';
  // split after each sentence end (no lookbehind: older iOS cannot parse it)
  for (const s of text.replace(/([。！？；\n])/g, '$1\u0000').split('\u0000')) {
    if (cur && cur.length + s.length > max) {
      out.push(cur);
      cur = '';
    }
    cur += s;
    while (cur.length > max) {
      out.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur.trim()) out.push(cur);
  return out;
}
