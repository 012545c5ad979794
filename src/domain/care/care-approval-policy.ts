import type { SecondApprovalPolicy } from '../drafting/ports.ts';
import type { CareStore } from './ports.ts';

/** How many merges are followed from a customer to the one they were merged into. */
const MAX_MERGE_HOPS = 5;

/**
 * A customer whose care chart is flagged needs a second agent's approval before a reply is sent; the
 * customer is followed through merges (at most five hops) to the surviving chart. Otherwise `fallback`
 * decides (by default: tickets tagged care_second_approval).
 */
export function createCareApprovalPolicy(
  store: Pick<CareStore, 'customerByZendeskUserId' | 'customerById' | 'chartOf'>,
  fallback: SecondApprovalPolicy,
): SecondApprovalPolicy {
  return {
    async requiresSecondApproval(ticket) {
      let customer = await store.customerByZendeskUserId(ticket.requester.zendeskUserId);
      for (let hops = 0; customer?.mergedIntoId && hops < MAX_MERGE_HOPS; hops++)
        customer = await store.customerById(customer.mergedIntoId);
      const chart = customer ? await store.chartOf(customer.id) : null;
      if (chart?.flagged)
        return {
          required: true,
          reason: chart.flagReason ? `care chart: ${chart.flagReason}` : 'flagged in the care chart',
        };
      return fallback.requiresSecondApproval(ticket);
    },
  };
}
