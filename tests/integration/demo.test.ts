import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `yorisoi demo` as a person runs it: the real CLI, the simulators inside it, its narration on stdout.
// The lines it prints for Slack are read back from the Slack simulator's control API, so the root
// message line shows what Slack holds, in the workspace's language.

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demo(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; chart: boolean }> {
  const cwd = mkdtempSync(path.join(dir, 'run-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), 'demo'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) =>
      resolve({ code, stdout, stderr, chart: existsSync(path.join(cwd, 'yorisoi-demo-chart.png')) }),
    );
  });
}

const DEMO_TIMEOUT = 300_000; // the whole scripted day, Slack's ~1 message/s per channel included

describe('yorisoi demo', () => {
  it(
    'speaks Japanese by default: the narration and the Slack root messages are Japanese, every check passes',
    async () => {
      const r = await demo({});
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('ワークスペースの言語 (YORISOI_LOCALE): ja');
      expect(r.stdout).toContain('3. お客様が Zendesk で追記を送信');
      expect(r.stdout).not.toContain('the customer wrote a follow-up');
      // The ticket's root message as the Slack simulator holds it.
      expect(r.stdout).toMatch(
        /\] #1 アルバムに写真をアップロードできません — 山田 花子（新規・未割り当て）/,
      );
      expect(r.stdout).toMatch(
        /\] #1 アルバムに写真をアップロードできません — 山田 花子（保留中・Aiko Sato）/,
      );
      expect(r.stdout).not.toMatch(/^ {3}FAIL/m);
      expect(r.chart).toBe(true);
      expect(r.code).toBe(0);
    },
    DEMO_TIMEOUT,
  );

  it(
    'speaks English with YORISOI_LOCALE=en: the narration and the Slack root messages are English',
    async () => {
      const r = await demo({ YORISOI_LOCALE: 'en' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('workspace language (YORISOI_LOCALE): en');
      expect(r.stdout).toContain('3. the customer wrote a follow-up in Zendesk');
      expect(r.stdout).not.toContain('お客様が Zendesk で追記を送信');
      expect(r.stdout).toMatch(
        /\] #1 アルバムに写真をアップロードできません — 山田 花子 \(New, Unassigned\)/,
      );
      expect(r.stdout).not.toMatch(/^ {3}FAIL/m);
      expect(r.chart).toBe(true);
      expect(r.code).toBe(0);
    },
    DEMO_TIMEOUT,
  );
});
