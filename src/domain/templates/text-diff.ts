import { diffArrays } from 'diff';
import type { TemplateVersion } from './template.ts';

export type DiffOp = { op: 'same' | 'removed' | 'added'; text: string };

/**
 * How much work one diff may do. jsdiff's Myers algorithm costs about (n+m)·D for D edits, so the cap is
 * on D (deterministic), with a wall-clock stop as a second guard. Past either, the differing middle is
 * shown whole: every old item removed, then every new item added (common head and tail still kept).
 */
export const DIFF_LIMITS = { maxEdits: 2_000, timeoutMs: 500 } as const;

/** A Myers diff (jsdiff) of two sequences, replaced blocks shown "all removed, then all added". */
export function diffSequences(
  a: readonly string[],
  b: readonly string[],
  limits: { maxEdits: number; timeoutMs: number } = DIFF_LIMITS,
): DiffOp[] {
  // Common head and tail are cheap to strip; they also keep the fallback (past the cap) readable.
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
  const ops: DiffOp[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  const changes = diffArrays(am, bm, { maxEditLength: limits.maxEdits, timeout: limits.timeoutMs });
  if (changes === undefined) {
    for (const text of am) ops.push({ op: 'removed', text });
    for (const text of bm) ops.push({ op: 'added', text });
  } else {
    for (const change of changes) {
      const op = change.removed ? 'removed' : change.added ? 'added' : 'same';
      for (const text of change.value) ops.push({ op, text });
    }
  }
  for (const text of a.slice(a.length - tail)) ops.push({ op: 'same', text });
  // Show a replaced block as "all removed, then all added", the way people read diffs.
  const out: DiffOp[] = [];
  let removed: DiffOp[] = [];
  let added: DiffOp[] = [];
  const flush = () => {
    // A loop, not push(...spread): a block of 100,000 lines would overflow the call stack.
    for (const op of removed) out.push(op);
    for (const op of added) out.push(op);
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

/**
 * Character-level marks inside a changed line: `[-old-]{+new+}`, so a one-kana edit is visible. Works on
 * code points (an emoji is one character). Past the diff cap the whole line is marked replaced.
 */
export function inlineDiff(before: string, after: string): string {
  let out = '';
  let mode: DiffOp['op'] = 'same';
  const close = () => {
    if (mode === 'removed') out += '-]';
    if (mode === 'added') out += '+}';
  };
  for (const op of diffSequences(Array.from(before), Array.from(after), { maxEdits: 500, timeoutMs: 100 })) {
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
