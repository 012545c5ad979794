import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Commands, ShortcutIds } from '../../src/views/ids.ts';

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  features: {
    shortcuts?: Array<{ callback_id: string; type: string }>;
    slash_commands: Array<{ command: string; should_escape?: boolean }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean } };
};

describe('manifest.yml declares what drafting uses', () => {
  it('every message shortcut', () => {
    const declared = (manifest.features.shortcuts ?? []).map((s) => s.callback_id);
    expect(declared).toEqual(expect.arrayContaining([ShortcutIds.draftReply, ShortcutIds.copyDiscussion]));
  });
  it('the command (escaped, so `/yorisoi map @user` arrives as <@U…>) and interactivity', () => {
    const command = manifest.features.slash_commands.find((c) => c.command === Commands.yorisoi);
    expect(command?.should_escape).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
  it('the scopes: posting, ephemerals, thread history for the discussion copy, e-mails for agent mapping', () => {
    for (const scope of [
      'chat:write',
      'commands',
      'channels:history',
      'groups:history',
      'users:read',
      'users:read.email',
    ]) {
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });
});
