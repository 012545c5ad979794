import { describe, expect, it } from 'vitest';
import { toInboxes } from '../../src/domain/inboxes/inbox-config.ts';
import { AGENT_COLOURS, AGENT_EMOJIS, pickBadge } from '../../src/domain/team/agent-badges.ts';
import { nextInTurn } from '../../src/domain/team/assignment.ts';
import { YorisoiError } from '../../src/errors.ts';

describe('the round-robin turn', () => {
  it('goes to the next id after the last one, in numeric order, wrapping around', () => {
    const pool = ['1003', '999', '1001'];
    expect(nextInTurn(pool, null)).toBe('999');
    expect(nextInTurn(pool, '999')).toBe('1001');
    expect(nextInTurn(pool, '1001')).toBe('1003');
    expect(nextInTurn(pool, '1003')).toBe('999');
    // The last one went away (or is away now): the turn goes on from where it was.
    expect(nextInTurn(pool, '1002')).toBe('1003');
    expect(nextInTurn([], '1')).toBeNull();
  });

  it('spreads 100 turns over three agents within one of each other', () => {
    const pool = ['11', '12', '13'];
    const counts = new Map<string, number>();
    let last: string | null = null;
    for (let i = 0; i < 100; i++) {
      last = nextInTurn(pool, last);
      counts.set(last ?? '', (counts.get(last ?? '') ?? 0) + 1);
    }
    expect([...counts.values()].sort()).toEqual([33, 33, 34]);
  });
});

describe('agent badges', () => {
  it('the first 8 agents differ in colour and emoji; the first 40 differ in at least one', () => {
    const first8 = Array.from({ length: 8 }, (_, i) => pickBadge(i));
    expect(new Set(first8.map((b) => b.colour)).size).toBe(8);
    expect(new Set(first8.map((b) => b.emoji)).size).toBe(8);
    const first40 = Array.from({ length: 40 }, (_, i) => JSON.stringify(pickBadge(i)));
    expect(new Set(first40).size).toBe(40);
    expect(AGENT_COLOURS).toHaveLength(8);
    expect(AGENT_EMOJIS).toHaveLength(20);
  });
});

describe('inbox file: auto_assign', () => {
  it('reads round_robin and least_open, off when absent, and refuses anything else', () => {
    const [a, b, c] = toInboxes({
      inboxes: [
        { id: 'a', channel: 'C1AA', auto_assign: 'round_robin' },
        { id: 'b', channel: 'C1BB', auto_assign: 'least_open' },
        { id: 'c', channel: 'C1CC', default: true },
      ],
    });
    expect([a?.autoAssign, b?.autoAssign, c?.autoAssign]).toEqual(['round_robin', 'least_open', null]);
    expect(() => toInboxes({ inboxes: [{ id: 'x', channel: 'C1XX', auto_assign: 'random' }] })).toThrow(
      YorisoiError,
    );
  });
});
