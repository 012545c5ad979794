import { describe, expect, it } from 'vitest';
import { settingsFromConfig } from '../../src/composition/settings.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { toInboxes } from '../../src/domain/inboxes/inbox-config.ts';

const inboxError = (inbox: Record<string, unknown>) => {
  try {
    toInboxes({ inboxes: [{ id: 'support', channel: 'C0SUPPORT', ...inbox }] });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the inbox file to be refused');
};

describe('response targets in the inbox file', () => {
  it('reads targets and the lead; an inbox without them falls back to the workspace default', () => {
    const [withTargets, without] = toInboxes({
      inboxes: [
        {
          id: 'billing',
          channel: 'C0BILLING',
          lead: 'U0LEAD',
          targets: { first_response_minutes: 30, next_response_minutes: 240 },
        },
        { id: 'support', channel: 'C0SUPPORT', default: true },
      ],
    });
    expect(withTargets).toMatchObject({
      lead: 'U0LEAD',
      targets: { firstResponseMinutes: 30, nextResponseMinutes: 240 },
    });
    expect(without).toMatchObject({
      lead: null,
      targets: { firstResponseMinutes: null, nextResponseMinutes: null },
    });
  });

  it('names the wrong field', () => {
    expect(inboxError({ targets: { first_response_minutes: 0 } })).toMatch(
      /inboxes\.0\.targets\.first_response_minutes: must be at least 1 minute/,
    );
    expect(inboxError({ targets: { next_response_minutes: 'soon' } })).toMatch(
      /inboxes\.0\.targets\.next_response_minutes: must be a number of minutes/,
    );
    expect(inboxError({ targets: { next_response_minutes: 1.5 } })).toMatch(
      /next_response_minutes: must be whole/,
    );
    expect(inboxError({ targets: { firstResponseMinutes: 60 } })).toMatch(
      /inboxes\.0\.targets.*firstResponseMinutes/,
    );
    expect(inboxError({ lead: '@aiko' })).toMatch(/inboxes\.0\.lead: must be a Slack user id/);
  });
});

describe('workspace default targets (environment)', () => {
  it('none unless set; set, they reach the runtime settings', () => {
    expect(loadConfig({}).responseTargets).toEqual({ firstResponseMinutes: null, nextResponseMinutes: null });
    const c = loadConfig({
      YORISOI_TARGET_FIRST_RESPONSE_MINUTES: '60',
      YORISOI_TARGET_NEXT_RESPONSE_MINUTES: '240',
    });
    expect(settingsFromConfig(c).responseTargets).toEqual({
      firstResponseMinutes: 60,
      nextResponseMinutes: 240,
    });
  });

  it('names the variable when a value is wrong', () => {
    try {
      loadConfig({
        YORISOI_TARGET_FIRST_RESPONSE_MINUTES: 'an hour',
        YORISOI_TARGET_NEXT_RESPONSE_MINUTES: '0',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^YORISOI_TARGET_FIRST_RESPONSE_MINUTES: must be a number of minutes/),
        expect.stringMatching(/^YORISOI_TARGET_NEXT_RESPONSE_MINUTES: must be at least 1 minute/),
      ]);
    }
  });
});
