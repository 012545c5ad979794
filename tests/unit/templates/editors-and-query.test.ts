import { describe, expect, it, vi } from 'vitest';
import { suggestTemplateQuery } from '../../../src/domain/templates/suggest-query.ts';
import {
  createTemplateEditorPolicy,
  parseEditorList,
} from '../../../src/domain/templates/template-editors.ts';

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn(), child: () => logger };

describe('template editors', () => {
  it('parses user ids, group ids and mentions; ignores anything else', () => {
    expect(parseEditorList('U0LEAD, <@U0AGENT2> <!subteam^S0EDIT|@editors>  nonsense')).toEqual([
      'U0LEAD',
      'U0AGENT2',
      'S0EDIT',
    ]);
    expect(parseEditorList(undefined)).toEqual([]);
  });
  it('listed users and members of listed groups may edit; nobody else', async () => {
    let calls = 0;
    const policy = createTemplateEditorPolicy({
      editors: ['U0LEAD', 'S0EDIT'],
      groupMembers: async (g) => {
        calls++;
        return g === 'S0EDIT' ? ['U0PRODUCT'] : [];
      },
      logger,
    });
    expect(await policy.canEdit('U0LEAD')).toBe(true);
    expect(await policy.canEdit('U0PRODUCT')).toBe(true);
    expect(await policy.canEdit('U0AGENT1')).toBe(false);
    expect(calls).toBe(1); // group members are cached
  });
  it('a group Slack cannot read grants nobody', async () => {
    const policy = createTemplateEditorPolicy({
      editors: ['S0EDIT'],
      groupMembers: async () => Promise.reject(new Error('missing_scope')),
      logger,
    });
    expect(await policy.canEdit('U0PRODUCT')).toBe(false);
    expect(logger.warn).toHaveBeenCalled();
  });
  it('group members are read once for concurrent checks, again after five minutes, and kept when Slack fails', async () => {
    let now = 1_000_000;
    let calls = 0;
    let members = ['U0PRODUCT'];
    let slackDown = false;
    const policy = createTemplateEditorPolicy({
      editors: ['S0EDIT'],
      groupMembers: async () => {
        calls++;
        await Promise.resolve();
        if (slackDown) throw new Error('ratelimited');
        return members;
      },
      logger,
      now: () => now,
    });
    // Ten buttons pressed at once: one usergroups.users.list, not ten.
    const answers = await Promise.all(Array.from({ length: 10 }, () => policy.canEdit('U0PRODUCT')));
    expect(answers.every(Boolean)).toBe(true);
    expect(calls).toBe(1);
    members = ['U0OTHER'];
    now += 4 * 60_000;
    expect(await policy.canEdit('U0PRODUCT')).toBe(true); // still cached
    expect(calls).toBe(1);
    now += 2 * 60_000;
    expect(await policy.canEdit('U0PRODUCT')).toBe(false); // re-read: the group changed
    expect(await policy.canEdit('U0OTHER')).toBe(true);
    expect(calls).toBe(2);
    slackDown = true;
    now += 6 * 60_000;
    expect(await policy.canEdit('U0OTHER')).toBe(true); // Slack failed: the last known members stand
    expect(calls).toBe(3);
  });
  it('with no editors configured nobody may edit from Slack', async () => {
    const policy = createTemplateEditorPolicy({ editors: [], logger });
    expect(policy.empty).toBe(true);
    expect(await policy.canEdit('U0LEAD')).toBe(false);
  });
});

describe('query from a customer message', () => {
  it("skips greetings and keeps the customer's first words", () => {
    expect(
      suggestTemplateQuery(
        'いつもお世話になっております。\n保育園の空き状況を知りたいです。よろしくお願いします。',
      ),
    ).toBe('保育園の空き状況を知りたいです。');
  });
  it('drops links and mentions and stays short', () => {
    const q = suggestTemplateQuery(`<@U123> パスワードを忘れました https://example.com ${'あ'.repeat(100)}`);
    expect(q.startsWith('パスワードを忘れました')).toBe(true);
    expect(Array.from(q).length).toBeLessThanOrEqual(60);
  });
});
