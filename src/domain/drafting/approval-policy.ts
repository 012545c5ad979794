import type { SecondApprovalPolicy } from './ports.ts';

/**
 * Until the care chart can say so, a customer needs a second approval when their ticket carries one of
 * these tags (default `care_second_approval`). The care-chart feature replaces this with its own policy.
 */
export function createTagApprovalPolicy(tags: string[] = ['care_second_approval']): SecondApprovalPolicy {
  return {
    async requiresSecondApproval(ticket) {
      const hit = ticket.tags.find((t) => tags.includes(t));
      return hit ? { required: true, reason: `ticket tagged ${hit}` } : { required: false, reason: null };
    },
  };
}
