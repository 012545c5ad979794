import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Commands, ShortcutIds } from '../../../src/views/ids.ts';

// The template features need their command, shortcuts and scope declared in manifest.yml.
const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as {
  features: {
    slash_commands: Array<{ command: string }>;
    shortcuts: Array<{ callback_id: string; type: string; name: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
};

describe('manifest.yml declares the template features', () => {
  it('the /template command', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toContain(Commands.template);
  });
  it('the Find template message shortcut and the global shortcuts', () => {
    const shortcuts = manifest.features.shortcuts.map((s) => `${s.type}:${s.callback_id}`);
    expect(shortcuts).toEqual(
      expect.arrayContaining([
        `message:${ShortcutIds.findTemplate}`,
        `global:${ShortcutIds.browseTemplates}`,
        `global:${ShortcutIds.newTemplate}`,
      ]),
    );
    for (const s of manifest.features.shortcuts) expect(s.name.length).toBeLessThanOrEqual(24);
  });
  it('usergroups:read, for an editors group given as a user group id', () => {
    expect(manifest.oauth_config.scopes.bot).toContain('usergroups:read');
  });
});
