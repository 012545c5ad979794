import { createCareApprovalPolicy } from '../domain/care/care-approval-policy.ts';
import { type CareService, createCareService } from '../domain/care/care-service.ts';
import type { RootRefresher } from '../domain/care/ports.ts';
import { createTagApprovalPolicy } from '../domain/drafting/approval-policy.ts';
import type { SecondApprovalPolicy } from '../domain/drafting/ports.ts';
import { createCareStore } from '../storage/care-store.ts';
import { createZendeskCustomerDirectory } from '../zendesk/customer-directory.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface CareServices {
  care: CareService;
  /** Drafting's default: a flagged care chart (or the care_second_approval tag) needs a second approval. */
  approvalPolicy: SecondApprovalPolicy;
  /** Starts reading these requesters' identities in one call (a batch of new tickets was just read). */
  prefetchRequesters(zendeskUserIds: string[]): void;
}

/** Care charts, prior history and merge-safe identity (`/karte`, the chart buttons, the root's context). */
export function wireCare(
  platform: Platform,
  roots: RootRefresher,
): Feature<CareServices, { care: CareService }> {
  const store = createCareStore(platform.db);
  const directory = createZendeskCustomerDirectory(platform.zendesk);
  const care = createCareService({
    store,
    directory,
    roots,
    serviceUserId: platform.settings.serviceUserId ?? { kind: 'external_id' },
    zendeskTicketUrl: platform.zendeskTicketUrl,
    logger: platform.logger.child({ component: 'care' }),
  });
  return {
    services: {
      care,
      approvalPolicy: createCareApprovalPolicy(store, createTagApprovalPolicy()),
      prefetchRequesters: (ids) => directory.prefetchEmails(ids),
    },
    listeners: { care },
  };
}
