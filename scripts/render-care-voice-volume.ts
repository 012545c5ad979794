/**
 * Sample care chart, voice and volume screens for `npm run render:views` (scripts/render-our-views.ts):
 * the care chart modal as a Japanese (ja-JP) and an English (en-US) reader sees it, the voice subscription
 * list with its Remove buttons, a volume alert, its recovery and the App Home counts.
 */
import type { CustomerHistory } from '../src/domain/care/care-service.ts';
import type { VoiceSubscription } from '../src/domain/voice/voice-model.ts';
import type { AlertRule } from '../src/domain/volume/volume-model.ts';
import { type Locale, translator } from '../src/i18n/index.ts';
import { buildCareEditModal, buildCareHistoryModal } from '../src/views/care-chart.ts';
import { buildSubscriptionList } from '../src/views/voice.ts';
import { buildHomeView, buildVolumeAlert, createAlertRenderer } from '../src/views/volume.ts';

export function careVoiceVolumeJobs(now: Date) {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const history: CustomerHistory = {
    customer: {
      id: 'c1',
      zendeskUserId: '1005',
      name: '山田 花子',
      email: 'hanako@example.com',
      organizationName: null,
      serviceUserId: 'svc-4242',
    } as CustomerHistory['customer'],
    chart: {
      customerId: 'c1',
      version: 3,
      notes: '2025年に二重請求あり（返金済み）。電話より文章での説明を好まれる。',
      flagged: true,
      flagReason: '家族写真の消失を強く心配されている。当日中に返信する',
      facts: [
        { key: 'プラン', value: 'ファミリープレミアム' },
        { key: '契約', value: '2024-04 〜 2026-03' },
      ],
      updatedAt: ago(90),
      updatedBySlackId: 'U0AGENT1',
    } as CustomerHistory['chart'],
    entries: [
      {
        zendeskId: '1043',
        subject: '共有したアルバムが表示されません',
        status: 'open',
        createdAt: ago(30),
        updatedAt: ago(5),
        answeredBy: null,
        policy: null,
        zendeskUrl: 'https://example.zendesk.com/agent/tickets/1043',
        thread: { channelId: 'C0PHOTOS', ts: '1796000000.000100' },
      },
      {
        zendeskId: '812',
        subject: '年間プランの請求について',
        status: 'solved',
        createdAt: new Date('2025-06-01T01:00:00Z'),
        updatedAt: new Date('2025-06-03T01:00:00Z'),
        answeredBy: '鈴木 一郎',
        policy: '返金で合意。次回以降は事前に連絡する。',
        zendeskUrl: 'https://example.zendesk.com/agent/tickets/812',
        thread: null,
      },
    ] as CustomerHistory['entries'],
    zendeskProblem: null,
  };
  const subs: VoiceSubscription[] = [
    {
      id: 'cmv1photos',
      channelId: 'C0VOICE',
      filter: { products: ['photos'], tags: ['bug'], forms: [], keywords: [] },
      filterText: 'product:photos tag:bug',
      createdBy: 'U0PRODUCT',
      createdAt: ago(60 * 24 * 3),
    } as unknown as VoiceSubscription,
    {
      id: 'cmv2cancel',
      channelId: 'C0VOICE',
      filter: { products: [], tags: [], forms: [], keywords: ['解約'] },
      filterText: 'keyword:解約',
      createdBy: 'U0AGENT1',
      createdAt: ago(60 * 5),
    } as unknown as VoiceSubscription,
  ];
  const rule: AlertRule = {
    id: 'all-baseline',
    scope: 'all',
    channelId: 'C0ALERTS',
    kind: 'baseline',
    windowMinutes: 60,
    weeks: 4,
    factor: 2,
    minExcess: 8,
    minCount: 10,
  };
  const reading = { count: 18, baseline: 9, level: 18, firing: true };
  const users = { U0AGENT1: '鈴木 一郎', U0AGENT2: 'Kenji', U0PRODUCT: 'Sora' };
  const jobs: Array<{ name: string; input: unknown; locale: Locale; channelName?: string }> = [];
  for (const locale of ['ja', 'en'] as const) {
    const t = translator(locale);
    jobs.push({ name: `care-chart-modal-${locale}`, input: buildCareHistoryModal(t, history, 0), locale });
    jobs.push({
      name: `care-chart-edit-${locale}`,
      input: buildCareEditModal(t, history.customer, history.chart),
      locale,
    });
    jobs.push({
      name: `voice-list-${locale}`,
      input: { messages: [buildSubscriptionList(t, 'C0VOICE', subs)], users },
      locale,
      channelName: 'product-voice',
    });
    jobs.push({
      name: `volume-alert-${locale}`,
      input: {
        messages: [
          buildVolumeAlert(t, {
            rule,
            reading,
            scopeLabel: '',
            windowLabel: '',
            topTags: [
              { tag: 'login', count: 14 },
              { tag: 'ios', count: 7 },
              { tag: '請求', count: 2 },
            ],
            samples: [
              {
                zendeskId: '1101',
                subject: 'ログインできません (1)',
                url: 'https://example.zendesk.com/agent/tickets/1101',
              },
              {
                zendeskId: '1102',
                subject: 'アプリ更新後にログインできない',
                url: 'https://example.zendesk.com/agent/tickets/1102',
              },
            ],
            startedAt: ago(20),
          }),
          createAlertRenderer(t).recovery({
            rule,
            scopeLabel: '',
            reading: { ...reading, count: 4, firing: false },
            startedAt: ago(20),
            endedAt: now,
            peakCount: 21,
          }),
        ],
        users,
      },
      locale,
      channelName: 'support-alerts',
    });
    jobs.push({
      name: `app-home-${locale}`,
      input: buildHomeView(t, {
        dayLabel: '2026-11-30 (UTC+9)',
        total: 31,
        lastHour: 18,
        byInbox: [
          { name: '写真サポート', count: 20 },
          { name: '請求', count: 11 },
        ],
        topTags: [
          { tag: 'login', count: 14 },
          { tag: '請求', count: 6 },
        ],
        openAlerts: [{ scope: 'all', since: ago(20), peak: 21 }],
      }),
      locale,
    });
  }
  return jobs;
}
