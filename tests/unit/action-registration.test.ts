import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const HELPER = path.join(SRC, 'actions/acknowledge-clicks.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'sim' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('button listeners', () => {
  // The click acknowledgement answers "this button no longer works" to any action_id it was not told
  // about, so a listener registered with app.action directly would never run.
  it('are all registered through registerAction (src/actions/acknowledge-clicks.ts), never app.action', () => {
    const direct = sourceFiles(SRC)
      .filter((file) => file !== HELPER)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(SRC, file)}:${i + 1}` }))
          .filter(({ line }) => /\bapp\.action\s*[<(]/.test(line))
          .map(({ at }) => at),
      );
    expect(direct).toEqual([]);
  });
});
