import type { WebClient } from '@slack/web-api';
import type { AgentDirectory } from '../domain/drafting/ports.ts';

/** Slack's half of the agent directory: a user's e-mail and display name (users.info, users:read.email). */
export function createSlackUserLookup(client: WebClient): Pick<AgentDirectory, 'slackEmail' | 'slackName'> {
  const cache = new Map<string, Promise<{ email: string | null; name: string }>>();
  const info = (id: string) => {
    let hit = cache.get(id);
    if (!hit) {
      hit = client.users.info({ user: id }).then((r) => {
        const u = r.user as
          | { real_name?: string; name?: string; profile?: { email?: string; real_name?: string } }
          | undefined;
        return {
          email: u?.profile?.email ?? null,
          name: u?.real_name ?? u?.profile?.real_name ?? u?.name ?? id,
        };
      });
      cache.set(id, hit);
      // Profiles change; failures must not stick.
      hit.catch(() => cache.delete(id));
      setTimeout(() => cache.delete(id), 10 * 60_000).unref();
    }
    return hit;
  };
  return {
    async slackEmail(id) {
      return (await info(id)).email;
    },
    async slackName(id) {
      return (await info(id).catch(() => ({ name: id }))).name;
    },
  };
}
