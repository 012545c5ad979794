import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(repo, 'tests/fixtures/writing-check');

function run(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), 'check', ...args], {
      cwd: fixtures,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('yorisoi check', () => {
  it('prints a wrong addressee as a warning and exits 0', async () => {
    const r = await run(['wrong-name.txt', '--name', '山田 花子']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'wrong-name.txt:1:1  warning   宛名「佐藤様」がチケットの依頼者「山田 花子」と一致しません。  [addressee]',
    );
    expect(r.stdout).toContain(
      "The addressee 「佐藤様」 does not match the ticket's requester 「山田 花子」.",
    );
    expect(r.stdout).toContain('wrong-name.txt: 1 problem(s), 0 blocking');
  });

  it('exits 1 on a leftover placeholder and prints JSON with --json, reading standard input with -', async () => {
    const { readFileSync } = await import('node:fs');
    const r = await run(
      ['-', '--json', '--name', '山田 花子'],
      readFileSync(path.join(fixtures, 'leftover-placeholder.txt'), 'utf8'),
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      file: string;
      blocking: boolean;
      warnings: { ruleId: string; severity: string; line: number }[];
    };
    expect(out.file).toBe('-');
    expect(out.blocking).toBe(true);
    expect(out.warnings.map((w) => [w.ruleId, w.severity, w.line])).toEqual([
      ['placeholder', 'blocking', 6],
      ['placeholder', 'blocking', 7],
      ['placeholder', 'blocking', 8],
    ]);
  });

  it('says so when a clean reply has no problems, and exits 2 on usage errors', async () => {
    const clean = await run(['clean-reply.txt', '--name', '山田 花子']);
    expect(clean.code).toBe(0);
    expect(clean.stdout.trim()).toBe('clean-reply.txt: no problems found');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('check needs a FILE');
    const missing = await run(['no-such-reply.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no-such-reply.txt: ENOENT');
    const badFlag = await run(['clean-reply.txt', '--nmae', 'x']);
    expect(badFlag.code).toBe(2);
  });
});
