import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import { type Locale, localeFromSlack } from '../i18n/index.ts';

/** Which language a Slack user reads: their Slack locale when yorisoi speaks it, else the workspace default. */
export type ReaderLocale = (userId: string) => Promise<Locale>;

/**
 * users.info with include_locale (Slack omits `locale` without it), cached ten minutes per user. A failed
 * lookup answers the workspace default and is not cached: a language is never a reason to fail a click.
 */
export function createReaderLocale(client: WebClient, fallback: Locale): ReaderLocale {
  const cache = new LRUCache<string, Locale>({
    max: 2_000,
    ttl: 10 * 60_000,
    fetchMethod: async (user) => {
      const r = await client.users.info({ user, include_locale: true });
      return localeFromSlack((r.user as { locale?: string } | undefined)?.locale, fallback);
    },
  });
  return async (userId) => {
    try {
      return (await cache.fetch(userId)) ?? fallback;
    } catch {
      return fallback;
    }
  };
}
