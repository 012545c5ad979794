import { createReminderService, type ReminderService } from '../domain/reminders/reminder-service.ts';
import type { BusinessCalendar } from '../domain/team/business-hours.ts';
import { createReminderStore } from '../storage/reminder-store.ts';
import { reminderRenderer } from '../views/target-reminder.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface RemindersServices {
  /** `tick()` fires due reminder steps (the scheduler calls it every minute); `overdueTickets()` for the App Home. */
  reminders: ReminderService;
}

/** How often the reminders look at open tickets. */
export const REMINDER_CHECK_MS = 60_000;

/**
 * Response-target reminders (README "Response targets and reminders"): counted in the team's business hours,
 * each step fired once (a unique row per step, written with its outbox effect), on the one scheduler.
 */
export function wireReminders(
  platform: Platform,
  deps: {
    calendar: BusinessCalendar;
    /** Re-renders a ticket's root (tickets feature): after step 1 its status line says the target passed. */
    refreshRoot?(zendeskId: string, reason: string): Promise<unknown>;
  },
): Feature<RemindersServices, Record<string, never>> {
  const { settings, logger } = platform;
  const reminders = createReminderService({
    store: createReminderStore(platform.db),
    calendar: deps.calendar,
    defaults: settings.responseTargets ?? { firstResponseMinutes: null, nextResponseMinutes: null },
    renderer: reminderRenderer(platform.locale),
    zendeskTicketUrl: (id) => platform.zendeskTicketUrl(id),
    clock: platform.clock,
    logger: logger.child({ component: 'reminders' }),
    onEffects: () => platform.outbox.wake(),
    ...(deps.refreshRoot ? { refreshRoot: deps.refreshRoot } : {}),
  });
  // One instance checks at a time (the unique row per fired step already keeps each reminder once).
  platform.scheduler.every('response target reminders', REMINDER_CHECK_MS, () => reminders.tick(), {
    exclusive: true,
  });
  return { services: { reminders }, listeners: {} };
}
