import { pngChartRenderer } from '../charts/volume-chart.ts';
import type { Inbox } from '../domain/tickets/ticket.ts';
import { maskPersonalData, namesToMask } from '../domain/voice/mask.ts';
import type { VoiceService } from '../domain/voice/voice-service.ts';
import { type AlertService, createAlertService } from '../domain/volume/alert-service.ts';
import { createVolumeQueries, type VolumeQueries } from '../domain/volume/volume-queries.ts';
import { translator } from '../i18n/index.ts';
import { createVolumeStore } from '../storage/volume-store.ts';
import { createAlertRenderer } from '../views/volume.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface VolumeServices {
  volume: VolumeQueries;
  /** Alert rules, episodes and the trend chart (`renderChart`). */
  alerts: AlertService;
  /** Evaluates alert rules and posts due digests now (also on the scheduler and after new tickets). */
  check(): Promise<void>;
  /** Resolves when no check is running. */
  idle(): Promise<void>;
}

/** Volume counts, alert episodes with their chart, and the scheduler's check that also posts voice digests. */
export function wireVolume(
  platform: Platform,
  deps: { voice: VoiceService; inboxes: () => Promise<Inbox[]> },
): Feature<VolumeServices, { volume: VolumeQueries }> {
  const { logger, settings } = platform;
  const store = createVolumeStore(platform.db);
  const maskNames = settings.voiceMaskNames ?? [];
  const alerts = createAlertService({
    rules: settings.alertRules ?? [],
    store,
    chart: pngChartRenderer,
    // Alerts and recoveries are channel posts: the workspace's language.
    renderer: createAlertRenderer(translator(platform.locale)),
    clock: platform.clock,
    tzOffsetMinutes: platform.tzOffsetMinutes,
    maskSubject: (subject) => maskPersonalData(subject, { names: namesToMask(maskNames) }),
    zendeskTicketUrl: platform.zendeskTicketUrl,
    logger: logger.child({ component: 'alerts' }),
  });
  const volume = createVolumeQueries({
    store,
    alerts,
    inboxes: deps.inboxes,
    clock: platform.clock,
    tzOffsetMinutes: platform.tzOffsetMinutes,
  });
  // Checks never overlap: a check asked for while one runs makes that one go round once more.
  let checking: Promise<void> | null = null;
  let checkAgain = false;
  const check = (): Promise<void> => {
    if (checking) {
      checkAgain = true;
      return checking;
    }
    checking = (async () => {
      do {
        checkAgain = false;
        try {
          // One instance evaluates at a time (the timer and new tickets trigger it in every instance).
          const run = await platform.leases.runExclusive('job:volume check', async () => {
            const outcomes = await alerts.evaluate();
            await deps.voice.postDueDigests();
            return outcomes;
          });
          if (run.ran && run.value.some((o) => o.outcome !== 'none')) platform.outbox.wake();
        } catch (error) {
          logger.warn('volume check failed; will try again', { error });
        }
      } while (checkAgain);
    })().finally(() => {
      checking = null;
    });
    return checking;
  };
  const idle = async () => {
    await checking?.catch(() => undefined);
  };
  platform.scheduler.every('volume check', (settings.alertEvaluateSeconds ?? 60) * 1000, check);
  return { services: { volume, alerts, check, idle }, listeners: { volume }, stop: idle };
}
