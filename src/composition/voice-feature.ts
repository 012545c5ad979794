import type { VoiceSource } from '../domain/tickets/ports.ts';
import { createVoiceService, type VoiceService } from '../domain/voice/voice-service.ts';
import { translator } from '../i18n/index.ts';
import { createEffectQueue } from '../storage/effect-queue.ts';
import { createTicketQueries } from '../storage/ticket-queries.ts';
import { createVoiceStore } from '../storage/voice-store.ts';
import { createVoiceRenderer, createVoiceServiceRenderer } from '../views/voice.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface VoiceServices {
  voice: VoiceService;
  /** What the ticket sync reads to copy a customer's words into subscribed channels. */
  ticketSource: VoiceSource;
}

/** Voice of the customer: `/voice` subscriptions, voice threads, daily digests, follow-up questions. */
export function wireVoice(platform: Platform): Feature<VoiceServices, { voice: VoiceService }> {
  const store = createVoiceStore(platform.db);
  const voice = createVoiceService({
    store,
    tickets: createTicketQueries(platform.db),
    queue: createEffectQueue(platform.db, () => platform.outbox.wake()),
    // Voices, digests and follow-up notes are channel posts: the workspace's language.
    renderer: createVoiceServiceRenderer(translator(platform.locale)),
    clock: platform.clock,
    tzOffsetMinutes: platform.tzOffsetMinutes,
    zendeskTicketUrl: platform.zendeskTicketUrl,
  });
  const ticketSource: VoiceSource = {
    activeSubscriptions: () => store.activeSubscriptions(),
    threadChannels: (id) => store.threadChannels(id),
    renderer: createVoiceRenderer(translator(platform.locale)),
    maskNames: platform.settings.voiceMaskNames ?? [],
  };
  return { services: { voice, ticketSource }, listeners: { voice } };
}
