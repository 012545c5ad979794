/** A value at a dotted path (`user.plan`, `items.0.name`) as display text; null when absent or empty. */
export function valueAt(data: unknown, path: string): string | null {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return null;
    if (Array.isArray(cur)) cur = /^\d+$/.test(part) ? cur[Number(part)] : undefined;
    else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return null;
  }
  return display(cur);
}

export function display(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.slice(0, 300);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(display).filter((x): x is string => x !== null);
    return parts.length ? parts.join(', ').slice(0, 300) : null;
  }
  return JSON.stringify(v).slice(0, 300);
}

/** Replaces every occurrence of a secret (at least 4 characters) by a mask. */
export function maskSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('••••');
  return out;
}
