import { LRUCache } from 'lru-cache';
import type { Logger } from '../../logger.ts';

/** Who may create, edit, move and delete templates from Slack (the CLI is for operators and is not restricted). */
export interface TemplateEditorPolicy {
  canEdit(userId: string): Promise<boolean>;
  /** True when nobody can edit from Slack (no editors configured): the UI says how to configure it. */
  readonly empty: boolean;
}

const GROUP_CACHE_MS = 5 * 60_000;

/**
 * `editors` lists Slack user ids (U…/W…) and user group ids (S…). Group members are read through
 * `groupMembers` (usergroups.users.list) and cached for five minutes; when Slack cannot answer, the
 * group grants nobody (never fails open).
 */
export function createTemplateEditorPolicy(options: {
  editors: string[];
  groupMembers?: (groupId: string) => Promise<string[]>;
  logger: Logger;
  now?: () => number;
}): TemplateEditorPolicy {
  const now = options.now ?? Date.now;
  const users = new Set(options.editors.filter((id) => !id.startsWith('S')));
  const groups = options.editors.filter((id) => id.startsWith('S'));
  // lru-cache: members expire after five minutes; concurrent checks share one read (fetch); when Slack
  // fails, the last known members stand (allowStaleOnFetchRejection), and a group never read grants nobody.
  const cache = new LRUCache<string, Set<string>>({
    max: 100,
    ttl: GROUP_CACHE_MS,
    perf: { now },
    ttlResolution: 0,
    allowStaleOnFetchRejection: true,
    fetchMethod: async (group) => {
      try {
        return new Set(options.groupMembers ? await options.groupMembers(group) : []);
      } catch (error) {
        options.logger.warn('could not read the template editors user group', { group, error });
        throw error;
      }
    },
  });
  async function members(group: string): Promise<Set<string>> {
    return (await cache.fetch(group).catch(() => undefined)) ?? new Set();
  }
  return {
    empty: options.editors.length === 0,
    async canEdit(userId) {
      if (users.has(userId)) return true;
      for (const g of groups) if ((await members(g)).has(userId)) return true;
      return false;
    },
  };
}

/** `U1, U2 S3` → ids; Slack mentions `<@U1>` / `<!subteam^S3>` are accepted too. */
export function parseEditorList(raw: string | undefined): string[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(/[\s,]+/)
        .map((s) => s.replace(/^<[@!](subteam\^)?/, '').replace(/(\|[^>]*)?>$/, ''))
        .filter((s) => /^[UWS][A-Z0-9]+$/.test(s)),
    ),
  ];
}
