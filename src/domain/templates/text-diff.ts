import type { TemplateVersion } from './template.ts';

export type DiffOp = { op: 'same' | 'removed' | 'added'; text: string };

/** Longest-common-subsequence diff of two sequences. Cost n·m: inputs are lines of one template. */
export function diffSequences(a: readonly string[], b: readonly string[]): DiffOp[] {
  // Common head and tail are cheap to strip and make the table small for typical edits.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => table[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = am[i] === bm[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const ops: DiffOp[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      ops.push({ op: 'same', text: am[i] ?? '' });
      i++;
      j++;
    } else if (j < m && (i === n || at(i, j + 1) >= at(i + 1, j))) {
      ops.push({ op: 'added', text: bm[j] ?? '' });
      j++;
    } else {
      ops.push({ op: 'removed', text: am[i] ?? '' });
      i++;
    }
  }
  for (const text of a.slice(a.length - tail)) ops.push({ op: 'same', text });
  // Show a replaced block as "all removed, then all added", the way people read diffs.
  const out: DiffOp[] = [];
  let removed: DiffOp[] = [];
  let added: DiffOp[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const op of ops) {
    if (op.op === 'same') {
      flush();
      out.push(op);
    } else (op.op === 'removed' ? removed : added).push(op);
  }
  flush();
  return out;
}

/** Character-level marks inside a changed line: `[-old-]{+new+}`, so a one-kana edit is visible. */
export function inlineDiff(before: string, after: string): string {
  const a = Array.from(before);
  const b = Array.from(after);
  if (a.length * b.length > 400_000) return `[-${before}-]{+${after}+}`;
  let out = '';
  let mode: DiffOp['op'] = 'same';
  const close = () => {
    if (mode === 'removed') out += '-]';
    if (mode === 'added') out += '+}';
  };
  for (const op of diffSequences(a, b)) {
    if (op.op !== mode) {
      close();
      if (op.op === 'removed') out += '[-';
      if (op.op === 'added') out += '{+';
      mode = op.op;
    }
    out += op.text;
  }
  close();
  return out;
}

/**
 * A readable diff of two versions: changed fields, then the body line by line (`-` removed, `+` added,
 * two lines of context, `…` for skipped unchanged lines). A single line replaced by a single line also gets
 * character marks. Returns the lines; empty when nothing differs.
 */
export function diffVersions(from: TemplateVersion, to: TemplateVersion, context = 2): string[] {
  const lines: string[] = [];
  const field = (name: string, a: string, b: string) => {
    if (a !== b) lines.push(`${name}: ${a || '(none)'} → ${b || '(none)'}`);
  };
  field('title', from.title, to.title);
  field('folder', from.path, to.path);
  field('tags', from.tags.join(', '), to.tags.join(', '));
  field('product', from.product ?? '', to.product ?? '');
  if (from.body === to.body) return lines;
  lines.push('body:');
  const ops = diffSequences(from.body.split('\n'), to.body.split('\n'));
  const keep = ops.map(
    (op, i) =>
      op.op !== 'same' || ops.slice(Math.max(0, i - context), i + context + 1).some((o) => o.op !== 'same'),
  );
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op === undefined) continue;
    if (!keep[i]) {
      if (keep[i - 1] !== false) lines.push('  …');
      continue;
    }
    const next = ops[i + 1];
    const prev = ops[i - 1];
    // exactly one line replaced by exactly one line
    if (op.op === 'removed' && next?.op === 'added' && prev?.op !== 'removed' && ops[i + 2]?.op !== 'added') {
      lines.push(`- ${op.text}`, `+ ${next.text}`, `  ~ ${inlineDiff(op.text, next.text)}`);
      i++;
      continue;
    }
    lines.push(`${op.op === 'same' ? ' ' : op.op === 'removed' ? '-' : '+'} ${op.text}`);
  }
  return lines;
}
