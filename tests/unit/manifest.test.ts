import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as ids from '../../src/views/ids.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8'));

/** Every string literal passed to app.command / app.shortcut / app.event / app.message in src/. */
function registered(kind: 'command' | 'shortcut' | 'event'): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'sim' && entry.name !== 'generated') walk(p);
      } else if (p.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(new RegExp(`app\\.${kind}\\(\\s*['"]([^'"]+)['"]`, 'g')))
          out.add(m[1]!);
        // Ids may come from src/views/ids.ts: app.command(Commands.voice, …)
        for (const m of text.matchAll(new RegExp(`app\\.${kind}\\(\\s*(\\w+)\\.(\\w+)`, 'g'))) {
          const value = (ids as unknown as Record<string, Record<string, string>>)[m[1]!]?.[m[2]!];
          if (value === undefined)
            throw new Error(`${p}: cannot resolve ${m[1]}.${m[2]} from src/views/ids.ts`);
          out.add(value);
        }
      }
    }
  };
  walk(path.join(root, 'src'));
  return out;
}

describe('manifest.yml', () => {
  it('is a valid Slack app manifest (SchemaStore schema)', () => {
    const schema = JSON.parse(
      readFileSync(path.join(root, 'tests/fixtures/slack-app-manifest.schema.json'), 'utf8'),
    );
    // The schema is draft-04; the only draft-04-only keyword it uses is `id`.
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, manifest);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares exactly the slash commands the app registers', () => {
    const declared = new Set(
      (manifest.features.slash_commands ?? []).map((c: { command: string }) => c.command),
    );
    expect([...declared].sort()).toEqual([...registered('command')].sort());
  });

  it('declares every shortcut the app registers', () => {
    const declared = new Set(
      (manifest.features.shortcuts ?? []).map((s: { callback_id: string }) => s.callback_id),
    );
    for (const id of registered('shortcut'))
      expect(declared.has(id), `shortcut ${id} missing from manifest.yml`).toBe(true);
  });

  it('subscribes to every event the app listens to, and enables Socket Mode', () => {
    const events = new Set(manifest.settings.event_subscriptions?.bot_events ?? []);
    for (const e of registered('event'))
      expect(events.has(e), `event ${e} missing from manifest.yml`).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toContain('chat:write');
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });
});
