import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string }>; fields?: unknown };
type HomeViews = { views: Array<{ view: { blocks: Block[]; hash: string } }> };

const textOf = (b: Block) =>
  b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' ') ?? JSON.stringify(b.fields ?? '');

describe('App Home for each agent', () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const published = async (user: string) =>
    (await s.api<HomeViews>('GET', `/_sim/slack/home?user=${user}`)).body.views[0]?.view;
  /** Opens the home and waits for the view published after the open (the hash changes). */
  const openHome = async (user: string, until: (blocks: Block[]) => boolean = () => true) => {
    const before = (await published(user))?.hash;
    await s.api('POST', '/_sim/slack/events', { type: 'app_home_opened', user });
    const view = await waitFor(`home of ${user}`, async () => {
      const v = await published(user);
      return v && v.hash !== before && until(v.blocks) ? v : undefined;
    });
    return view.blocks;
  };
  /** The texts of the blocks between the header `title` and the next header. */
  const sectionOf = (blocks: Block[], title: string) => {
    const start = blocks.findIndex((b) => b.type === 'header' && b.text?.text.startsWith(title));
    expect(start, `header ${title}`).toBeGreaterThanOrEqual(0);
    const rest = blocks.slice(start + 1);
    const end = rest.findIndex((b) => b.type === 'header');
    return (end < 0 ? rest : rest.slice(0, end)).map(textOf).join('\n');
  };
  const permalinkOf = (channel: string, ts: string) =>
    `https://yorisoi-sim.slack.com/archives/${channel}/p${ts.replace('.', '')}`;

  let mineId = 0;
  let mineRoot = { channel: '', ts: '' };
  let openId = 0;
  let openRoot = { channel: '', ts: '' };

  it('the home shows my tickets and the unassigned ones, each linking to its thread', async () => {
    const mine = await s.openTicket({
      subject: '写真が消えました',
      body: '昨日の写真が見当たりません',
      brand: 'photos',
    });
    const open = await s.openTicket({
      subject: '請求書の宛名',
      body: '宛名を変えたいです',
      brand: 'billing',
    });
    mineId = mine.id;
    openId = open.id;
    const a = await waitFor('root A', async () => rootsOf(await s.messages('C0PHOTOS'), mine.id)[0]);
    const b = await waitFor('root B', async () => rootsOf(await s.messages('C0BILLING'), open.id)[0]);
    mineRoot = { channel: 'C0PHOTOS', ts: a.ts };
    openRoot = { channel: 'C0BILLING', ts: b.ts };
    await s.api('PATCH', `/_sim/zendesk/tickets/${mine.id}`, { assignee_email: 'aiko@example.com' });
    await waitFor('assigned in the store', async () => {
      const row = await s.db.ticket.findUnique({ where: { zendeskId: String(mine.id) } });
      return row?.assigneeZendeskId;
    });

    const blocks = await openHome('U0AGENT1', (bl) => JSON.stringify(bl).includes(`#${mine.id} `)); // ja-JP
    const mineText = sectionOf(blocks, '担当中のチケット');
    expect(mineText).toContain(
      `<${permalinkOf(mineRoot.channel, mineRoot.ts)}|#${mine.id} 写真が消えました>`,
    );
    expect(mineText).toContain('昨日の写真が見当たりません');
    expect(mineText).toContain('からお客様をお待たせ中');
    expect(mineText).toContain('<!date^');
    expect(mineText).not.toContain(`#${open.id} `);
    const unassigned = sectionOf(blocks, '未割り当てのチケット');
    expect(unassigned).toContain(`<${permalinkOf(openRoot.channel, openRoot.ts)}|#${open.id} 請求書の宛名>`);
    expect(unassigned).toContain('*Billing*');
    expect(unassigned).not.toContain(`#${mine.id} `);
    const team = sectionOf(blocks, 'チームの担当状況');
    expect(team).toMatch(/Aiko Sato — \*1\* 件/);
    const toggle = JSON.stringify(blocks);
    expect(toggle).toContain('"action_id":"home_availability_toggle"');
    expect(toggle).toContain('"value":"off"');
    // Today's counts are still there, below.
    expect(toggle).toContain('今日の問い合わせ件数');

    const en = await openHome('U0AGENT2'); // Kenji reads en-US
    expect(sectionOf(en, 'Unassigned tickets')).toContain(`#${open.id} `);
    expect(sectionOf(en, 'My open tickets')).toContain('You have no open tickets.');
  });

  it("a change to a ticket refreshes the assignee's home without them opening it", async () => {
    expect(openId).toBeGreaterThan(0);
    await s.api('PATCH', `/_sim/zendesk/tickets/${openId}`, { assignee_email: 'aiko@example.com' });
    // No app_home_opened: the ticket sync's change alone republishes Aiko's home.
    const blocks = await waitFor(
      "Aiko's refreshed home",
      async () => {
        const v = await published('U0AGENT1');
        return v && sectionOf(v.blocks, '担当中のチケット').includes(`#${openId} `) ? v.blocks : undefined;
      },
      45_000,
    );
    expect(sectionOf(blocks, '担当中のチケット')).toContain(permalinkOf(openRoot.channel, openRoot.ts));
    expect(sectionOf(blocks, '未割り当てのチケット')).not.toContain(`#${openId} `);
    expect(sectionOf(blocks, '担当中のチケット')).toContain(`#${mineId} `);
  }, 60_000);

  it('lists a draft a colleague shared for review until I approve its shared version', async () => {
    const draft = await s.db.draft.create({
      data: {
        ticketZendeskId: String(openId),
        name: '宛名変更のご案内',
        body: '承知いたしました。',
        currentVersion: 2,
        createdBySlackId: 'U0AGENT2',
        updatedBySlackId: 'U0AGENT2',
      },
    });
    for (const [version, reason] of [
      [1, 'save'],
      [2, 'share'],
    ] as const)
      await s.db.draftVersion.create({
        data: {
          draftId: draft.id,
          version,
          name: draft.name,
          policyJson: '{}',
          body: 'x',
          savedBySlackId: 'U0AGENT2',
          reason,
        },
      });
    const blocks = await openHome('U0AGENT1', (bl) => JSON.stringify(bl).includes('宛名変更のご案内'));
    const approvals = sectionOf(blocks, 'あなたの承認待ちの下書き');
    expect(approvals).toContain(`<${permalinkOf(openRoot.channel, openRoot.ts)}|#${openId} 請求書の宛名>`);
    expect(approvals).toContain('「宛名変更のご案内」v2');
    expect(approvals).toContain('<@U0AGENT2>');
    // Kenji shared it: it does not wait for his own approval.
    expect(sectionOf(await openHome('U0AGENT2'), 'Drafts waiting for my approval')).toContain(
      'No drafts are waiting',
    );
    // An approval of an older version does not count; of the shared one, it does.
    await s.db.draftApproval.create({ data: { draftId: draft.id, version: 1, approverSlackId: 'U0AGENT1' } });
    expect(sectionOf(await openHome('U0AGENT1'), 'あなたの承認待ちの下書き')).toContain('宛名変更のご案内');
    await s.db.draftApproval.create({ data: { draftId: draft.id, version: 2, approverSlackId: 'U0AGENT1' } });
    expect(sectionOf(await openHome('U0AGENT1'), 'あなたの承認待ちの下書き')).toContain(
      '承認待ちの下書きはありません',
    );
  });

  it('with 500 open tickets and 20 agents the home is published within Slack limits, the rest counted', async () => {
    const requester = await s.db.customer.create({ data: { zendeskUserId: '990000', name: '大量 太郎' } });
    const aiko = await s.db.ticket.findUnique({ where: { zendeskId: String(mineId) } });
    const me = aiko?.assigneeZendeskId ?? '';
    const agents = [me, ...Array.from({ length: 19 }, (_, i) => `88${String(i).padStart(4, '0')}`)];
    const created = new Date(Date.now() - 3 * 3600_000);
    const inboxes = ['photos', 'billing', 'onboarding', 'support'];
    const rows = Array.from({ length: 500 }, (_, i) => ({
      zendeskId: String(700_000 + i),
      subject: `大量のお問い合わせ ${i} — アプリが起動しない・写真が同期されない・請求が二重になっている`,
      status: i % 5 === 0 ? 'pending' : 'open',
      requesterId: requester.id,
      // 120 unassigned, the rest spread over the 20 agents.
      assigneeZendeskId: i < 120 ? null : agents[i % 20],
      assigneeName: i < 120 ? null : agents[i % 20] === me ? 'Aiko Sato' : `担当者 ${agents[i % 20]}`,
      inboxId: inboxes[i % 4],
      channelId: 'C0SUPPORT',
      rootTs: `1764000000.${String(100000 + i)}`,
      zendeskCreatedAt: new Date(created.getTime() + i * 1000),
      zendeskUpdatedAt: new Date(created.getTime() + i * 1000),
    }));
    await s.db.ticket.createMany({ data: rows });
    const tickets = await s.db.ticket.findMany({
      where: { zendeskId: { startsWith: '7' } },
      select: { id: true },
    });
    await s.db.ticketComment.createMany({
      data: tickets.map((t, i) => ({
        ticketId: t.id,
        zendeskCommentId: `c-${700_000 + i}`,
        authorZendeskId: '990000',
        public: true,
        body: '至急確認してください。'.repeat(40),
        zendeskCreatedAt: created,
      })),
    });

    const blocks = await openHome('U0AGENT1', (bl) => JSON.stringify(bl).includes('全体で *120* 件'));
    expect(blocks.length).toBeLessThanOrEqual(100);
    const all = blocks.map(textOf).join('\n');
    // Aiko holds 2 + 19 (every 20th of the 380 assigned); 15 shown, the rest counted.
    const mine = sectionOf(blocks, '担当中のチケット');
    expect(mine).toContain('*21* 件');
    expect(mine).toMatch(/…ほか \*6\* 件/);
    expect(all).toContain('全体で *120* 件');
    expect(all).toMatch(/…ほか \*25\* 件 — 未割り当て（Photos）/);
    const team = sectionOf(blocks, 'チームの担当状況');
    expect(team).toContain('対応中のチケット *502* 件');
    expect(team.match(/— \*\d+\* 件（お待たせ中/g)).toHaveLength(20);
  }, 120_000);
});
