import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCareChartDemo } from './demo-care.ts';
import type { Logger } from './logger.ts';
import { startSandbox } from './sandbox.ts';

type SimMessage = { channel: string; ts: string; thread_ts?: string | null; user?: string; text: string; blocks?: unknown[] };

/**
 * `yorisoi demo`: plays a customer and an agent against the sandbox and prints what Slack and Zendesk show,
 * read back from the simulators' control API. Returns the exit code: 0 when every step checked out.
 */
export async function runDemo(out: (line: string) => void, logger: Logger): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-demo-'));
  const sandbox = await startSandbox({ databaseUrl: `file:${path.join(dir, 'demo.db')}`, logger, pollSeconds: 5 });
  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${sandbox.simUrl}${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${route} → HTTP ${r.status}: ${await r.text()}`);
    return (await r.json()) as T;
  };
  const messages = async (channel: string) => (await api<{ messages: SimMessage[] }>('GET', `/_sim/slack/messages?channel=${channel}`)).messages;
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const v = await probe();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const show = (m: SimMessage) => `    [${m.ts}${m.thread_ts && m.thread_ts !== m.ts ? ` in thread ${m.thread_ts}` : ''}] ${m.text.replace(/\n/g, ' ').slice(0, 160)}`;
  const checks: Array<[string, boolean]> = [];
  try {
    out(`yorisoi demo — simulators at ${sandbox.simUrl}/_sim/, yorisoi at ${sandbox.appUrl}`);
    out(`1. zendesk setup: webhook ${sandbox.setup.webhookId} → ${sandbox.setup.endpoint}, trigger ${sandbox.setup.triggerId}`);

    const { ticket } = await api<{ ticket: { id: number; subject: string } }>('POST', '/_sim/zendesk/tickets', {
      subject: 'アルバムに写真をアップロードできません',
      body: '昨日からアプリで写真をアップロードすると「エラーが発生しました」と表示されます。\n家族の写真を早く共有したいので、確認をお願いします。',
      requester: { email: 'hanako@example.com', name: '山田 花子' },
      brand: 'photos',
      tags: ['upload', 'android'],
    });
    out(`2. customer hanako@example.com opened Zendesk ticket #${ticket.id} (brand photos); Zendesk fired the signed webhook`);
    const root = await waitFor('the ticket thread in #support-photos', async () =>
      (await messages('C0PHOTOS')).find((m) => !m.thread_ts && m.text.includes(`#${ticket.id}`)),
    );
    const firstReply = await waitFor('the first message in the thread', async () =>
      (await messages('C0PHOTOS')).find((m) => m.thread_ts === root.ts && m.ts !== root.ts),
    );
    out('   Slack #support-photos now shows:');
    out(show(root));
    out(show(firstReply));
    checks.push(['ticket thread created in the routed channel', true]);

    await api('POST', `/_sim/zendesk/tickets/${ticket.id}/customer-reply`, { body: '追記です。iPhoneでは問題なくアップロードできました。' });
    out('3. the customer wrote a follow-up in Zendesk');
    const followUp = await waitFor('the follow-up in the same thread', async () =>
      (await messages('C0PHOTOS')).find((m) => m.thread_ts === root.ts && m.text.includes('iPhone')),
    );
    out(show(followUp));
    checks.push(['follow-up landed in the same thread', followUp.thread_ts === root.ts]);

    await api('PATCH', `/_sim/zendesk/tickets/${ticket.id}`, { status: 'pending', assignee_email: 'aiko@example.com', priority: 'high' });
    out('4. an agent set the ticket to pending, priority high, assigned to Aiko Sato (in Zendesk)');
    const edited = await waitFor('the root message edited in place', async () =>
      (await messages('C0PHOTOS')).find((m) => m.ts === root.ts && m.text.includes('pending') && m.text.includes('Aiko')),
    );
    out(show(edited));
    checks.push(['status change edited the root message', edited.ts === root.ts]);

    await runCareChartDemo({ api, waitFor, out, checks });

    const all = await messages('C0PHOTOS');
    const roots = all.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    checks.push(['exactly one thread for the ticket', roots.filter((m) => m.text.includes(`#${ticket.id}`)).length === 1]);
    out('5. checks (read back from the simulators):');
    for (const [name, ok] of checks) out(`   ${ok ? 'ok  ' : 'FAIL'} ${name}`);
    return checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    out(`demo failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
