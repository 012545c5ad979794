import { YorisoiError } from '../../errors.ts';
import type { AgentDirectory, AgentMappingStore } from './ports.ts';

export interface MappedAgent {
  zendeskUserId: string;
  name: string;
}

/**
 * Slack user → Zendesk agent: a manual mapping set by a lead wins; otherwise the Slack profile's e-mail is
 * looked up among Zendesk agents (and remembered). When `supportGroup` is set, only its members may send.
 */
export function createAgentMapper(deps: {
  directory: AgentDirectory;
  store: AgentMappingStore;
  supportGroup: string | null;
}) {
  const { directory, store, supportGroup } = deps;
  const inGroup = (a: { groupIds: string[]; groupNames: string[] }) =>
    supportGroup === null ||
    a.groupIds.includes(supportGroup) ||
    a.groupNames.some((n) => n.toLowerCase() === supportGroup.toLowerCase());

  return {
    /** The agent who may send as this Slack user; throws agent_not_mapped / agent_not_in_group. */
    async resolve(slackUserId: string): Promise<MappedAgent> {
      try {
        return await resolveOnce(slackUserId);
      } catch (error) {
        if (error instanceof YorisoiError && error.code.startsWith('agent_')) throw error;
        // Slack or Zendesk did not answer: that is not "not mapped"; the agent may simply try again.
        throw new YorisoiError('agent_lookup_failed', `(${String(error)})`, error, false);
      }
    },
    /** Manual override: `email` null turns sending off for this Slack user. */
    async setManual(slackUserId: string, email: string | null): Promise<MappedAgent | null> {
      if (email === null) {
        await store.set(slackUserId, { zendeskUserId: null, email: null, source: 'manual' });
        return null;
      }
      const agent = await directory.zendeskAgentByEmail(email);
      if (!agent) throw new YorisoiError('agent_not_mapped', `(no active Zendesk agent has ${email})`);
      await store.set(slackUserId, { zendeskUserId: agent.id, email, source: 'manual' });
      return { zendeskUserId: agent.id, name: agent.name };
    },
  };

  async function resolveOnce(slackUserId: string): Promise<MappedAgent> {
    const stored = await store.get(slackUserId);
    let agent: Awaited<ReturnType<AgentDirectory['zendeskAgentById']>> = null;
    if (stored?.source === 'manual') {
      if (!stored.zendeskUserId)
        throw new YorisoiError('agent_not_mapped', '(a lead turned sending off for you)');
      agent = await directory.zendeskAgentById(stored.zendeskUserId);
    } else {
      const email = await directory.slackEmail(slackUserId);
      agent = email ? await directory.zendeskAgentByEmail(email) : null;
      if (agent && stored?.zendeskUserId !== agent.id)
        await store.set(slackUserId, { zendeskUserId: agent.id, email, source: 'email' });
    }
    if (!agent) throw new YorisoiError('agent_not_mapped');
    if (!inGroup(agent)) throw new YorisoiError('agent_not_in_group');
    return { zendeskUserId: agent.id, name: agent.name };
  }
}

export type AgentMapper = ReturnType<typeof createAgentMapper>;
