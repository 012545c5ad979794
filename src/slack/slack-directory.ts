import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { AgentDirectory } from '../domain/drafting/ports.ts';

/** Slack's half of the agent directory: a user's e-mail and display name (users.info, users:read.email). */
export function createSlackUserLookup(client: WebClient): Pick<AgentDirectory, 'slackEmail' | 'slackName'> {
  // Profiles change: kept ten minutes (lru-cache, at most 2,000 people); failures are not cached.
  const cache = new LRUCache<string, { email: string | null; name: string }>({
    max: 2_000,
    ttl: 10 * 60_000,
    fetchMethod: async (id) => {
      const r = await client.users.info({ user: id });
      const u = r.user as
        | { real_name?: string; name?: string; profile?: { email?: string; real_name?: string } }
        | undefined;
      return {
        email: u?.profile?.email ?? null,
        name: u?.real_name ?? u?.profile?.real_name ?? u?.name ?? id,
      };
    },
  });
  const info = async (id: string) => {
    const hit = await cache.fetch(id);
    if (!hit) throw new Error(`users.info gave nothing for ${id}`);
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
