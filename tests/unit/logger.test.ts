import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

describe('logger', () => {
  it('never writes a secret or a token-shaped string', () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: ['super-secret-value'], sink: (l) => lines.push(l) });
    log.info('connecting', {
      token: 'xoxb-123-456-abcdef',
      header: 'Basic dXNlci90b2tlbjpzZWNyZXQ=',
      note: 'uses super-secret-value',
    });
    log.error('failed', { error: new Error('auth failed for xapp-1-A111-222-abc') });
    const all = lines.join('\n');
    expect(all).not.toContain('xoxb-123');
    expect(all).not.toContain('dXNlci90b2tlbjpzZWNyZXQ=');
    expect(all).not.toContain('super-secret-value');
    expect(all).not.toContain('xapp-1-A111');
    expect(all).toContain('[redacted]');
    expect(lines).toHaveLength(2);
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', sink: (l) => lines.push(l) });
    log.info('hidden');
    log.warn('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });
});
