import { describe, expect, it } from 'vitest';
import { createAgentMapper } from '../../src/domain/drafting/agent-mapping.ts';
import type { AgentDirectory, AgentMappingStore } from '../../src/domain/drafting/ports.ts';
import { YorisoiError } from '../../src/errors.ts';

// In-memory implementations of the two ports (plain data, no mocks).
const agents = [
  { id: '11', name: 'Aiko', email: 'aiko@example.com', groupIds: ['100'], groupNames: ['Support'] },
  { id: '12', name: 'Ren', email: 'ren@example.com', groupIds: ['200'], groupNames: ['Billing'] },
];
const directory: AgentDirectory = {
  async slackEmail(id) {
    return (
      ({ U1: 'aiko@example.com', U2: 'ren@example.com', U3: 'nobody@example.com' } as Record<string, string>)[
        id
      ] ?? null
    );
  },
  async slackName(id) {
    return id;
  },
  async zendeskAgentByEmail(email) {
    return agents.find((a) => a.email === email) ?? null;
  },
  async zendeskAgentById(id) {
    return agents.find((a) => a.id === id) ?? null;
  },
};
function memoryStore(): AgentMappingStore {
  const rows = new Map<string, Awaited<ReturnType<AgentMappingStore['get']>>>();
  return {
    async get(id) {
      return rows.get(id) ?? null;
    },
    async set(id, value) {
      rows.set(id, value);
    },
  };
}
const code = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof YorisoiError ? e.code : String(e)),
  );

describe('agent mapping', () => {
  it('maps by e-mail, refuses users without a Zendesk agent', async () => {
    const mapper = createAgentMapper({ directory, store: memoryStore(), supportGroup: null });
    expect(await mapper.resolve('U1')).toEqual({ zendeskUserId: '11', name: 'Aiko' });
    expect(await code(mapper.resolve('U3'))).toBe('agent_not_mapped');
  });
  it('a manual mapping wins over the e-mail; "off" stops a user sending', async () => {
    const mapper = createAgentMapper({ directory, store: memoryStore(), supportGroup: null });
    await mapper.setManual('U3', 'ren@example.com');
    expect((await mapper.resolve('U3')).zendeskUserId).toBe('12');
    await mapper.setManual('U1', null);
    expect(await code(mapper.resolve('U1'))).toBe('agent_not_mapped');
    expect(await code(mapper.setManual('U1', 'ghost@example.com'))).toBe('agent_not_mapped');
  });
  it('only members of the support group (by id or name) may send', async () => {
    const byName = createAgentMapper({ directory, store: memoryStore(), supportGroup: 'support' });
    expect((await byName.resolve('U1')).name).toBe('Aiko');
    expect(await code(byName.resolve('U2'))).toBe('agent_not_in_group');
    const byId = createAgentMapper({ directory, store: memoryStore(), supportGroup: '200' });
    expect(await code(byId.resolve('U1'))).toBe('agent_not_in_group');
  });
});
