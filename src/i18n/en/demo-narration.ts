import type { demo as ja } from '../ja/demo-narration.ts';

/** English for ja/demo-narration.ts: same keys, same {{placeholders}}. */
export const demo: Record<keyof typeof ja, string> = {
  'demo.language': 'workspace language (YORISOI_LOCALE): {{locale}}',
  'demo.title': 'yorisoi demo — simulators at {{sim}}/_sim/, yorisoi at {{app}}',
  'demo.setup': '1. zendesk setup: webhook {{webhook}} → {{endpoint}}, trigger {{trigger}}',
  'demo.ticket_opened':
    '2. customer hanako@example.com opened Zendesk ticket #{{id}} (brand photos); Zendesk fired the signed webhook',
  'demo.slack_shows': '   Slack #support-photos now shows:',
  'demo.follow_up': '3. the customer wrote a follow-up in Zendesk',
  'demo.status_changed':
    '4. an agent set the ticket to pending, priority high, assigned to Aiko Sato (in Zendesk)',
  'demo.voice_subscribe':
    '5. product (Sora) typed `/voice subscribe product:photos tag:upload` in #product-voice',
  'demo.voice_shows': "   #product-voice shows the customer's words verbatim, personal data masked:",
  'demo.volume_history':
    '6. loaded 4 weeks of generated hourly ticket counts (history), then 14 customers wrote within minutes:',
  'demo.chart_saved':
    "   chart {{name}} uploaded with files.uploadV2 into the alert's thread; saved a copy to {{path}}",
  'demo.recovery': '7. two hours later (alert clock moved ahead) the episode closed:',
  'demo.checks': '{{step}}. checks (read back from the simulators):',
  'demo.failed': 'demo failed: {{message}}',
  'demo.check.thread': 'ticket thread created in the routed channel',
  'demo.check.follow_up': 'follow-up landed in the same thread',
  'demo.check.root_edited': 'status change edited the root message',
  'demo.check.one_thread': 'exactly one thread for the ticket',
  'demo.check.voice': 'voice posted verbatim with personal data masked',
  'demo.check.alert': 'one alert with a PNG chart',
  'demo.check.recovery': 'exactly one alert and one recovery',
  'demo.care.old_ticket':
    "C1. hanako's ticket #{{id}} from 2025 exists only in Zendesk (from before yorisoi)",
  'demo.care.saved':
    'C2. Aiko ran `/karte hanako@example.com` and saved a care chart: flag "handle with care", plan, language, notes',
  'demo.care.returning':
    "C3. hanako wrote again (#{{id}}); the thread's root in #support-photos shows, without a click:",
  'demo.care.first_block': '    first block: {{text}}',
  'demo.care.history': 'C4. Kenji clicked "Care chart & history" on the root; the modal lists, newest first:',
  'demo.care.languages':
    'C5. Aiko (Slack in Japanese) clicked the same button: the same modal in her language',
  'demo.care.kenji_sees': '    Kenji sees: "{{title}}" · {{button}}',
  'demo.care.aiko_sees': '    Aiko sees:  "{{title}}" · {{button}}',
  'demo.check.care_flag': 'returning customer: the flag and its reason in the root’s first block',
  'demo.check.care_prior': 'returning customer: root shows the prior ticket count (2, one only in Zendesk)',
  'demo.check.care_history': 'history modal lists the ticket that exists only in Zendesk',
  'demo.check.care_languages':
    "care chart modal in each reader's language (Kenji en-US English, Aiko ja-JP Japanese)",
  'demo.draft.opened':
    '{{step}}. Aiko pressed "Draft reply" on the thread\'s root: the modal shows the inquiry read from Zendesk',
  'demo.draft.inserted':
    '{{step}}. she wrote the response policy, searched templates for "アップロード android" and inserted one:',
  'demo.draft.shared':
    '{{step}}. "Share for review" posted the draft into the ticket\'s thread, marked as not sent:',
  'demo.draft.approved':
    '{{step}}. Kenji commented in the thread (this never reaches the customer) and approved:',
  'demo.draft.preview':
    '{{step}}. "Send…" opened the preview: ticket #{{id}}, to hanako@example.com, from Aiko Sato; she chose "public reply, set to solved"',
  'demo.draft.sent': '{{step}}. after the undo window the reply went to Zendesk; the thread says:',
  'demo.draft.read_back':
    '{{step}}. read back from the Zendesk simulator: ticket #{{id}} is {{status}}; public comments by Aiko: {{count}}',
  'demo.check.draft_opened': 'draft modal opened with the inquiry',
  'demo.check.draft_template': 'template inserted into the reply',
  'demo.check.draft_approved': 'draft shared and approved in the thread',
  'demo.check.draft_preview': 'preview names the ticket and the recipient',
  'demo.check.draft_one_reply': 'exactly one public reply in Zendesk, by the mapped agent',
  'demo.check.draft_thread_private': 'nothing typed in the thread reached Zendesk',
  'demo.check.draft_root_updated': 'root message updated after sending',
};
