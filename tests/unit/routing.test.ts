import { describe, expect, it } from 'vitest';
import { toInboxes } from '../../src/domain/inboxes/inbox-config.ts';
import { routeTicket } from '../../src/domain/tickets/routing.ts';
import type { TicketSnapshot } from '../../src/domain/tickets/ticket.ts';
import { YorisoiError } from '../../src/errors.ts';
import { sampleTicket } from '../fixtures/sample-ticket.ts';

const inboxes = toInboxes({
  inboxes: [
    { id: 'photos', channel: 'C0PHOTOS', brand: 'photos' },
    { id: 'onboarding', channel: 'C0ONBOARD', tags: ['onboarding', 'trial'] },
    { id: 'vip-billing', channel: 'C0VIP', brand: 'billing', tags: ['vip'] },
    { id: 'support', channel: 'C0SUPPORT', default: true },
  ],
});

const ticket = (over: Partial<TicketSnapshot>) => sampleTicket({ brandId: '1', ...over });

describe('routeTicket', () => {
  it('routes by brand name, by tag, by all conditions together, else to the default', () => {
    expect(routeTicket(ticket({ brandName: 'Photos' }), inboxes)?.id).toBe('photos');
    expect(routeTicket(ticket({ tags: ['trial'] }), inboxes)?.id).toBe('onboarding');
    expect(routeTicket(ticket({ brandName: 'billing', tags: ['vip'] }), inboxes)?.id).toBe('vip-billing');
    expect(routeTicket(ticket({ brandName: 'billing' }), inboxes)?.id).toBe('support');
  });
  it('the first matching rule wins', () => {
    expect(routeTicket(ticket({ brandName: 'photos', tags: ['onboarding'] }), inboxes)?.id).toBe('photos');
  });
});

describe('inbox file validation', () => {
  it('names the bad field', () => {
    expect(() => toInboxes({ inboxes: [{ id: 'x', channel: '#support' }] })).toThrow(/inboxes\.0\.channel/);
    expect(() =>
      toInboxes({
        inboxes: [
          { id: 'a', channel: 'C1AA', default: true },
          { id: 'b', channel: 'C1BB', default: true },
        ],
      }),
    ).toThrow(YorisoiError);
  });
});
