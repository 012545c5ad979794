import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { configSecrets, createLogger, toSlackLogger } from '../../src/logger.ts';

// The environment a live deployment has, with secrets shaped like the real ones: Slack's signing secret
// is 32 hex characters, Zendesk API tokens are 40 alphanumerics, the webhook signing secret is base64.
// Only the Slack tokens have a recognisable shape; the other three are caught only because the
// production logger is handed the values from the configuration.
const env = {
  SLACK_BOT_TOKEN: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  SLACK_APP_TOKEN: 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  ZENDESK_SUBDOMAIN: 'acme',
  ZENDESK_EMAIL: 'bot@acme.example',
  ZENDESK_API_TOKEN: 'q7TzR2mW9xLkP4vN8bHcJ3sD6fG1aY5eU0iOoQwE',
  ZENDESK_WEBHOOK_SECRET: 'dGhpcyBpcyBhIHdlYmhvb2sgc2VjcmV0+/Zx=',
};
const config = loadConfig(env);
const secretValues = [
  env.SLACK_BOT_TOKEN,
  env.SLACK_APP_TOKEN,
  env.SLACK_SIGNING_SECRET,
  env.ZENDESK_API_TOKEN,
  env.ZENDESK_WEBHOOK_SECRET,
];

function productionLogger(level: 'debug' | 'info' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets: configSecrets(config), sink: (l) => lines.push(l) });
  return { logger, lines };
}

function expectNoSecret(text: string) {
  for (const secret of secretValues) {
    expect(text).not.toContain(secret);
    // Nor a recognisable piece of one (e.g. a token cut at a dash).
    expect(text).not.toContain(secret.slice(-16));
  }
}

describe('logger', () => {
  it('hands every configured credential to the redactor', () => {
    expect(configSecrets(config).sort()).toEqual([...secretValues].sort());
  });

  it('never writes a configured secret: as a field, nested, in a message, an error message or a stack', () => {
    const { logger, lines } = productionLogger();
    logger.info(`connecting with ${env.ZENDESK_API_TOKEN}`, {
      token: env.SLACK_BOT_TOKEN,
      signing: env.SLACK_SIGNING_SECRET,
      nested: { deeper: { list: [env.ZENDESK_WEBHOOK_SECRET, { app: env.SLACK_APP_TOKEN }] } },
      header: `Basic ${Buffer.from(`${env.ZENDESK_EMAIL}/token:${env.ZENDESK_API_TOKEN}`).toString('base64')}`,
    });
    const cause = new Error(`webhook signed with ${env.ZENDESK_WEBHOOK_SECRET} rejected`);
    const error = new Error(`auth failed for ${env.SLACK_SIGNING_SECRET}`, { cause });
    logger.error('failed', { error, errors: [new Error(`token ${env.ZENDESK_API_TOKEN} revoked`)] });
    logger.child({ requestToken: env.SLACK_APP_TOKEN }).warn('child line');
    const all = lines.join('\n');
    expect(lines).toHaveLength(3);
    expectNoSecret(all);
    expect(all).toContain('[redacted]');
    // The error's stack and cause survive (with the secrets cut out of them).
    const line = JSON.parse(lines[1] as string);
    expect(line.error.stack).toMatch(/^Error: auth failed for \[redacted\]\n\s+at /);
    expect(line.error.cause.message).toBe('webhook signed with [redacted] rejected');
    expect(line.error.cause.stack).toContain('logger.test.ts');
    expect(line.errors[0].message).toBe('token [redacted] revoked');
  });

  it('redacts a secret even when JSON escapes it inside the line', () => {
    const odd = 'pa"ss\\word-with-quote';
    const lines: string[] = [];
    const logger = createLogger({ secrets: [odd], sink: (l) => lines.push(l) });
    logger.info('x', { value: `before ${odd} after` });
    expect(lines.join('\n')).not.toContain(JSON.stringify(odd).slice(1, -1));
    expect(JSON.parse(lines[0] as string).value).toBe('before [redacted] after');
  });

  it('writes a line for a circular field instead of throwing', () => {
    const { logger, lines } = productionLogger();
    const loop: Record<string, unknown> = { name: 'loop', token: env.ZENDESK_API_TOKEN };
    loop.self = loop;
    expect(() => logger.info('circular', { loop })).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).loop.self).toBe('[Circular]');
    expectNoSecret(lines.join('\n'));
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', sink: (l) => lines.push(l) });
    log.info('hidden');
    log.warn('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
    expect(JSON.parse(lines[0] as string).level).toBe('warn');
  });

  it("does not format Bolt's debug arguments when debug is off", () => {
    const { logger, lines } = productionLogger('info');
    let serialised = 0;
    const payload = {
      toJSON() {
        serialised += 1;
        return { big: 'payload' };
      },
    };
    const slack = toSlackLogger(logger);
    slack.debug('http request', payload);
    expect(serialised).toBe(0);
    expect(lines).toHaveLength(0);
    slack.warn('rate limited', payload);
    expect(serialised).toBe(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ msg: 'rate limited', source: 'slack' });
  });

  it("writes Bolt's circular or secret-bearing arguments safely", () => {
    const { logger, lines } = productionLogger('debug');
    const req: Record<string, unknown> = { headers: { authorization: `Bearer ${env.SLACK_BOT_TOKEN}` } };
    req.req = req;
    expect(() => toSlackLogger(logger).debug('request', req)).not.toThrow();
    expect(lines).toHaveLength(1);
    expectNoSecret(lines.join('\n'));
  });
});
