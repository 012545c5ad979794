import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createBusinessCalendar } from '../domain/team/business-hours.ts';
import { createTeamReports } from '../domain/team/report-service.ts';
import { reportLines } from '../domain/team/report-text.ts';
import { templateRankingLines } from '../domain/team/template-figures-text.ts';
import { translator } from '../i18n/index.ts';
import { openDatabase } from '../storage/database.ts';
import { createTeamHistory } from '../storage/team-queries.ts';
import { createTemplateUseHistory } from '../storage/template-use-queries.ts';
import { createTeamZendeskFacts } from '../zendesk/team-facts.ts';
import { createZendeskApi } from '../zendesk/zendesk-client.ts';
import type { Io } from './io.ts';

export const REPORT_HELP = `yorisoi report weekly [--week 2026-W48] [--json]

  The team weekly report of an ISO week (default: last week) in YORISOI_BUSINESS_HOURS: first response,
  next response and full resolution times in business hours, reopen rate, satisfaction, and new tickets
  per day, tag, inbox and agent, and per reply template (uses, reopen rate, satisfaction; best and worst 5).
  Reads the yorisoi database (DATABASE_URL) and Zendesk (ticket audits,
  satisfaction ratings: the API user must be an admin). Labels follow YORISOI_LOCALE (default ja);
  --json prints the numbers (durations in business milliseconds).`;

/** `yorisoi report weekly …`: the weekly report as a table or JSON. */
export async function reportCommand(args: string[], env: Record<string, string | undefined>, io: Io) {
  const [sub, ...rest] = args;
  if (sub !== 'weekly') {
    io.err(
      sub === undefined || sub === 'help' ? REPORT_HELP : `error: unknown report "${sub}"\n\n${REPORT_HELP}`,
    );
    return sub === 'help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { week: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (values.week !== undefined && !/^\d{4}-W\d{2}$/.test(values.week)) {
    io.err(`error: --week must be an ISO week such as 2026-W48, got "${values.week}"`);
    return 2;
  }
  // The report reads Zendesk but receives no webhooks: no webhook secret needed.
  const config = loadConfig({
    ...env,
    ZENDESK_WEBHOOK_SECRET: env.ZENDESK_WEBHOOK_SECRET || 'not-needed-for-reports',
  });
  if (!config.zendesk) {
    io.err(
      'error: report needs Zendesk: ZENDESK_SUBDOMAIN (or ZENDESK_API_URL), ZENDESK_EMAIL and ZENDESK_API_TOKEN',
    );
    return 2;
  }
  // Read-only, and yorisoi may be running on the same file: no migration from here.
  const db = await openDatabase(config.databaseUrl, { migrate: false });
  try {
    const reports = createTeamReports({
      history: createTeamHistory(db),
      zendesk: createTeamZendeskFacts(createZendeskApi(config.zendesk)),
      calendar: createBusinessCalendar(config.businessHours),
      clock: () => new Date(),
      templateUses: createTemplateUseHistory(db),
    });
    const report = await reports.weekly(values.week);
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const l = reportLines(report, translator(config.locale));
    const t = translator(config.locale);
    const table = (title: string, rows: { key: string; count: number }[]) => {
      const width = Math.max(0, ...rows.map((r) => r.key.length));
      return [title, ...rows.map((r) => `  ${r.key.padEnd(width)}  ${String(r.count).padStart(4)}`)];
    };
    const templateTable = () => {
      if (report.templates.used.length === 0) return [];
      const r = templateRankingLines(report.templates, t);
      const plainText = (s: string) => s.replace(/\*/g, '');
      return [
        '',
        plainText(r.section),
        plainText(t('tplfig.report.top')),
        ...(r.top.length ? r.top : [r.none]).map((line) => `  ${line}`),
        ...(r.bottom.length
          ? [plainText(t('tplfig.report.bottom')), ...r.bottom.map((line) => `  ${line}`)]
          : []),
      ];
    };
    for (const line of [
      l.title,
      l.range,
      '',
      l.firstResponse,
      l.nextResponse,
      l.fullResolution,
      l.reopen,
      l.satisfaction,
      '',
      l.created.replace(/\*/g, ''),
      ...table(t('team.report.per_day'), l.perDay),
      ...table(t('team.report.per_tag'), l.perTag),
      ...table(t('team.report.per_inbox'), l.perInbox),
      ...table(t('team.report.per_agent'), l.perAgent),
      ...templateTable(),
    ])
      io.out(line);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
