import { z } from 'zod';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { TemplateFiguresView } from '../domain/team/template-figures-service.ts';
import type { TemplateSearchHit } from '../domain/templates/ports.ts';
import {
  parentOf,
  TEMPLATE_LIMITS,
  type Template,
  type TemplateVersion,
} from '../domain/templates/template.ts';
import type { DuplicateMatch, FolderListing } from '../domain/templates/template-catalog.ts';
import { type Translate, translator } from '../i18n/index.ts';
import {
  type ActionsBlockElement,
  actions,
  plainText as bareText,
  button as buttonBlock,
  type ConfirmationDialog,
  checkboxes,
  confirmDialog,
  context,
  divider,
  header,
  type InputBlockElement,
  input as inputBlock,
  type KnownBlock,
  type ModalView,
  modal,
  option,
  parseMeta,
  plainSection,
  plain as plainText,
  type SectionBlockAccessory,
  section,
  staticSelect,
  textInput,
} from './block-kit.ts';
import { ActionIds, TemplateBlocks, ViewIds } from './ids.ts';
import { escapeMrkdwn, slackDate, splitText, truncate } from './mrkdwn.ts';
import { templateFiguresBlocks } from './template-figures.ts';

// All Block Kit of reply templates. Limits are kept by construction: at most SEARCH_RESULTS results
// (2 blocks each) in a message (≤ 50 blocks), at most BROWSER_PAGE items in the browser modal (≤ 100),
// section text ≤ 3,000, button values and private_metadata well under 2,000 / 3,000.

export const SEARCH_RESULTS = 8;
export const BROWSER_PAGE = 40;
const SECTION_MAX = 2900;
/** Slack's plain_text_input holds at most 3,000 characters: longer bodies are edited through import. */
export const SLACK_INPUT_MAX = 3000;

/** Where a template action happens: the channel and thread to answer in, when there is one. */
export interface TemplateContext {
  c?: string;
  th?: string;
}

const contextSchema = z.object({ c: z.string().max(40).optional(), th: z.string().max(40).optional() });
export const templateButtonValue = contextSchema.extend({ id: z.string().min(1).max(TEMPLATE_LIMITS.id) });
export const folderButtonValue = contextSchema.extend({
  folder: z.string().max(TEMPLATE_LIMITS.path),
  page: z.number().int().min(0).default(0),
});
/** private_metadata of every template modal. */
export const templateViewMetadata = contextSchema.extend({
  id: z.string().max(TEMPLATE_LIMITS.id).optional(),
  v: z.number().int().optional(),
  folder: z.string().max(TEMPLATE_LIMITS.path).optional(),
});
export type TemplateViewMetadata = z.infer<typeof templateViewMetadata>;

export const parseTemplateButtonValue = (raw: string | undefined) => parseMeta(templateButtonValue, raw);
export const parseFolderButtonValue = (raw: string | undefined) => parseMeta(folderButtonValue, raw);
export const parseTemplateViewMetadata = (raw: string | undefined) =>
  parseMeta(templateViewMetadata, raw) ?? {};

const plain = (text: string, max = 75) => plainText(text, max);
const mrkdwnSection = (text: string, accessory?: SectionBlockAccessory) =>
  section(text, accessory ? { accessory } : {});
/** Template buttons carry JSON values parsed by parseTemplateButtonValue / parseFolderButtonValue. */
const button = (
  actionId: string,
  text: string,
  value: string | z.input<typeof templateButtonValue> | z.input<typeof folderButtonValue>,
  style?: 'primary' | 'danger',
  confirm?: ConfirmationDialog,
) =>
  buttonBlock(actionId, plain(text), {
    value: typeof value === 'string' ? value : JSON.stringify(value),
    ...(style ? { style } : {}),
    ...(confirm ? { confirm } : {}),
  });
const defaultT = translator('ja');
const folderLabel = (path: string, tr: Translate = defaultT) =>
  path === '' ? tr('tplsearch.all_templates') : path;
/** A version's date in the reader's own time zone (Slack's date token), where mrkdwn is allowed. */
const versionDate = (at: Date) => slackDate(at, '{date_num} {time}');
const metadata = (m: TemplateViewMetadata) => JSON.stringify(m);

/** A search snippet with its `*match*` marks kept and everything else shown as written. */
function snippetText(snippet: string): string {
  return escapeMrkdwn(snippet.replace(/\s+/g, ' ')).slice(0, 400);
}

function hitBlocks(h: TemplateSearchHit, ctx: TemplateContext, i: number, t: Translate): KnownBlock[] {
  const value = { id: h.id, ...ctx };
  const folder = h.path === '' ? t('tplsearch.all_templates') : h.path;
  return [
    mrkdwnSection(
      `*${escapeMrkdwn(truncate(h.title, 200))}*\n:file_folder: ${escapeMrkdwn(folder)}\n${snippetText(h.snippet)}`,
    ),
    actions(
      [
        button(ActionIds.templateShow, t('tplsearch.show'), value),
        button(ActionIds.templateCopyIntoDraft, t('tplsearch.copy'), value, 'primary'),
      ],
      `tpl_hit_${i}`,
    ),
  ];
}

/** `/template <words>`: the best matches, each with Show and Copy into draft. */
export function buildTemplateResultsMessage(
  query: string,
  hits: TemplateSearchHit[],
  ctx: TemplateContext = {},
  t: Translate = defaultT,
): SlackMessage {
  const shown = hits.slice(0, SEARCH_RESULTS);
  return {
    text: t('tplsearch.results_text', {
      query: truncate(query, 100),
      titles: shown.map((h) => h.title).join(' / '),
    }).slice(0, 3000),
    blocks: [
      context(t('tplsearch.results', { count: shown.length, query: escapeMrkdwn(query) })),
      ...shown.flatMap((h, i) => hitBlocks(h, ctx, i, t)),
    ],
  };
}

const browseButton = (ctx: TemplateContext, t: Translate) =>
  actions([button(ActionIds.templateBrowse, t('tplsearch.browse'), { folder: '', ...ctx })]);

export function buildTemplateUsageMessage(ctx: TemplateContext = {}, t: Translate = defaultT): SlackMessage {
  const text = t('tplsearch.usage');
  return { text, blocks: [mrkdwnSection(text), browseButton(ctx, t)] };
}

/** "No match" (該当なし): nothing holds a word of the query, rather than the least bad templates. */
export function buildTemplateNoResultsMessage(
  query: string,
  ctx: TemplateContext = {},
  t: Translate = defaultT,
): SlackMessage {
  const text = t('tplsearch.none', { query: truncate(query, 200) });
  return { text, blocks: [mrkdwnSection(`:mag: ${escapeMrkdwn(text)}`), browseButton(ctx, t)] };
}

export function buildTemplateLoadingMessage(query: string, t: Translate = defaultT): SlackMessage {
  const text = t('tplsearch.loading', { query: truncate(query, 200) });
  return { text, blocks: [mrkdwnSection(escapeMrkdwn(text))] };
}

export function buildTemplateErrorMessage(message: string): SlackMessage {
  return { text: message, blocks: [mrkdwnSection(`:warning: ${escapeMrkdwn(message)}`)] };
}

/** The search modal used from a thread (message shortcut, ticket button): query input and results. */
export function buildTemplateSearchModal(
  query: string,
  hits: TemplateSearchHit[] | null,
  ctx: TemplateContext,
  t: Translate = defaultT,
  opts: { prefilled?: boolean } = {},
): ModalView {
  const results: KnownBlock[] =
    hits === null
      ? []
      : hits.length === 0
        ? [mrkdwnSection(`:mag: ${escapeMrkdwn(t('tplsearch.none', { query: truncate(query, 200) }))}`)]
        : hits.slice(0, SEARCH_RESULTS).flatMap((h, i) => hitBlocks(h, ctx, i, t));
  return modal({
    callbackId: ViewIds.templateSearch,
    privateMetadata: metadata(ctx),
    title: plain(t('tplsearch.modal_title'), 24),
    submit: plain(t('tplsearch.search'), 24),
    close: plain(t('tplsearch.close'), 24),
    blocks: [
      inputBlock(
        TemplateBlocks.query,
        plain(t('tplsearch.words')),
        textInput('query', { maxLength: 500, initial: query ? truncate(query, 500) : undefined }),
        opts.prefilled ? { hint: plain(t('tplsearch.prefilled_hint')) } : {},
      ),
      ...results,
    ],
  });
}

function bodySections(body: string): KnownBlock[] {
  return splitText(body, SECTION_MAX)
    .slice(0, 8)
    .map((piece) => plainSection(bareText(piece || ' ', false)));
}

/** One template: its text verbatim, where it lives, and what the user may do with it. */
export function buildTemplateModal(
  t: Template,
  opts: {
    canEdit: boolean;
    ctx: TemplateContext;
    note?: string;
    /** Uses, reopen rate and satisfaction (src/views/template-figures.ts); absent = not shown. */
    figures?: { value: TemplateFiguresView | null; t: Translate };
    tr?: Translate;
  },
): ModalView {
  const tr = opts.tr ?? defaultT;
  const value = { id: t.id, ...opts.ctx };
  const author = t.author
    ? ` · ${t.author.startsWith('U') ? `<@${escapeMrkdwn(t.author)}>` : escapeMrkdwn(t.author)}`
    : '';
  const details = [
    `:file_folder: ${escapeMrkdwn(folderLabel(t.path, tr))}`,
    t.tags.length ? `:label: ${escapeMrkdwn(t.tags.join(', '))}` : '',
    t.product ? escapeMrkdwn(tr('tpl.product', { product: t.product })) : '',
    `${tr('tpl.version', { version: t.version })} · ${versionDate(t.updatedAt)}${author}`,
    `id \`${escapeMrkdwn(t.id)}\``,
  ].filter(Boolean);
  const buttons: ActionsBlockElement[] = t.deletedAt
    ? []
    : [button(ActionIds.templateCopyIntoDraft, tr('tplsearch.copy'), value, 'primary')];
  buttons.push(button(ActionIds.templateHistory, tr('tpl.history'), value));
  if (opts.canEdit && !t.deletedAt) {
    buttons.push(
      button(ActionIds.templateEdit, tr('tpl.edit'), value),
      button(ActionIds.templateMove, tr('tpl.move'), value),
      button(
        ActionIds.templateDelete,
        tr('tpl.delete'),
        value,
        'danger',
        confirmDialog({
          title: tr('tpl.delete_confirm_title'),
          text: tr('tpl.delete_confirm_text', { title: truncate(t.title, 200) }),
          confirm: tr('tpl.delete'),
          deny: tr('tpl.keep'),
          style: 'danger',
        }),
      ),
    );
  }
  if (opts.canEdit && t.deletedAt)
    buttons.push(button(ActionIds.templateRestore, tr('tpl.restore'), value, 'primary'));
  return modal({
    callbackId: ViewIds.templateShow,
    privateMetadata: metadata({ ...opts.ctx, id: t.id }),
    title: plain(tr('tpl.modal_title'), 24),
    close: plain(tr('tpl.close'), 24),
    blocks: [
      ...(opts.note ? [mrkdwnSection(opts.note)] : []),
      ...(t.deletedAt ? [mrkdwnSection(tr('tpl.deleted_banner'))] : []),
      header(plain(t.title, 150)),
      context(details.join('  ·  ')),
      divider(),
      ...bodySections(t.body),
      ...(opts.figures ? [divider(), ...templateFiguresBlocks(opts.figures.value, opts.figures.t)] : []),
      actions(buttons, 'tpl_actions'),
    ],
  });
}

/** Create (no template) or edit a template. Near-duplicates found on submit come back as an error on the body. */
export function buildTemplateEditorModal(opts: {
  template?: Template;
  folder?: string;
  ctx: TemplateContext;
  tr?: Translate;
}): ModalView {
  const t = opts.template;
  const tr = opts.tr ?? defaultT;
  const tooLong = t !== undefined && t.body.length > SLACK_INPUT_MAX;
  const input = (
    blockId: string,
    label: string,
    element: InputBlockElement,
    optional = false,
    hint?: string,
  ) =>
    inputBlock(blockId, plain(label, 2000), element, {
      optional,
      ...(hint ? { hint: plain(hint, 2000) } : {}),
    });
  const text = (initial: string | undefined, max: number, multiline = false) =>
    textInput('value', { maxLength: max, multiline, initial: initial ? truncate(initial, max) : undefined });
  return modal({
    callbackId: ViewIds.templateEditor,
    privateMetadata: metadata({ ...opts.ctx, id: t?.id, v: t?.version, folder: opts.folder }),
    title: plain(tr(t ? 'tpl.editor_edit' : 'tpl.editor_new'), 24),
    submit: plain(tr('tpl.save'), 24),
    close: plain(tr('tpl.cancel'), 24),
    blocks: [
      ...(tooLong ? [mrkdwnSection(tr('tpl.too_long', { max: SLACK_INPUT_MAX }))] : []),
      input(TemplateBlocks.title, tr('tpl.field_title'), text(t?.title, TEMPLATE_LIMITS.title)),
      input(
        TemplateBlocks.folder,
        tr('tpl.field_folder'),
        text(t?.path ?? opts.folder, TEMPLATE_LIMITS.path),
        true,
        tr('tpl.field_folder_hint'),
      ),
      input(TemplateBlocks.body, tr('tpl.field_body'), text(t?.body, SLACK_INPUT_MAX, true)),
      input(
        TemplateBlocks.tags,
        tr('tpl.field_tags'),
        text(t?.tags.join(', '), 1000),
        true,
        tr('tpl.field_tags_hint'),
      ),
      input(
        TemplateBlocks.product,
        tr('tpl.field_product'),
        text(t?.product ?? undefined, TEMPLATE_LIMITS.product),
        true,
      ),
      input(
        TemplateBlocks.force,
        tr('tpl.field_force'),
        checkboxes('value', [option(tr('tpl.force_option'), 'force')]),
        true,
      ),
    ],
  });
}

/** The text of the "looks like …" error shown on the body field. */
export function describeDuplicates(duplicates: DuplicateMatch[], tr: Translate = defaultT): string {
  const named = duplicates
    .slice(0, 2)
    .map(
      (d) =>
        `「${truncate(d.title, 40)}」(${truncate(folderLabel(d.path, tr), 40)}, ${Math.round(d.similarity * 100)}%)`,
    )
    .join(', ');
  const more = duplicates.length > 2 ? tr('tpl.duplicates_more', { count: duplicates.length - 2 }) : '';
  return truncate(tr('tpl.duplicates', { named, more }), 300);
}

export function buildTemplateMoveModal(
  t: Template,
  ctx: TemplateContext,
  tr: Translate = defaultT,
): ModalView {
  return modal({
    callbackId: ViewIds.templateMove,
    privateMetadata: metadata({ ...ctx, id: t.id, v: t.version }),
    title: plain(tr('tpl.move'), 24),
    submit: plain(tr('tpl.save'), 24),
    close: plain(tr('tpl.cancel'), 24),
    blocks: [
      inputBlock(
        TemplateBlocks.folder,
        plain(tr('tpl.field_folder')),
        textInput('value', { maxLength: TEMPLATE_LIMITS.path, initial: t.path }),
        { optional: true },
      ),
      inputBlock(
        TemplateBlocks.title,
        plain(tr('tpl.field_title')),
        textInput('value', {
          maxLength: TEMPLATE_LIMITS.title,
          initial: truncate(t.title, TEMPLATE_LIMITS.title),
        }),
      ),
    ],
  });
}

/** Versions of a template, two pickers and, once compared, the diff. */
export function buildTemplateHistoryModal(
  t: Template,
  versions: TemplateVersion[],
  ctx: TemplateContext,
  diff?: { from: number; to: number; lines: string[] },
  tr: Translate = defaultT,
): ModalView {
  const newest = versions.slice(-100).reverse();
  const change = (v: TemplateVersion) => tr(`tpl.change.${v.change}`);
  // The pickers are plain text (no date tokens): number and change only; the list above gives each
  // version's time in the reader's own time zone, so one screen never shows two clocks.
  const versionOption = (v: TemplateVersion) => option(`v${v.version} · ${change(v)}`, String(v.version));
  const select = (blockId: string, label: string, initial: TemplateVersion | undefined) =>
    inputBlock(
      blockId,
      plain(label),
      staticSelect('value', newest.map(versionOption), initial ? { initial: versionOption(initial) } : {}),
    );
  const list = newest
    .slice(0, 15)
    .map(
      (v) =>
        `*v${v.version}* ${change(v)} · ${versionDate(v.createdAt)}${v.author ? ` · ${v.author.startsWith('U') ? `<@${escapeMrkdwn(v.author)}>` : escapeMrkdwn(v.author)}` : ''}`,
    )
    .join('\n');
  const diffBlocks: KnownBlock[] = [];
  if (diff) {
    diffBlocks.push(
      mrkdwnSection(
        `*v${diff.from} → v${diff.to}*${diff.lines.length === 0 ? `  ${tr('tpl.no_differences')}` : ''}`,
      ),
    );
    const pieces = splitText(diff.lines.join('\n'), 2800).slice(0, 10);
    for (const p of diff.lines.length ? pieces : [])
      diffBlocks.push(mrkdwnSection(`\`\`\`${p.replace(/```/g, "'''")}\`\`\``));
  }
  const byNumber = (n: number | undefined) => versions.find((v) => v.version === n);
  return modal({
    callbackId: ViewIds.templateHistory,
    privateMetadata: metadata({ ...ctx, id: t.id }),
    title: plain(tr('tpl.history_title'), 24),
    // Comparing needs two versions; without the pickers there is nothing to submit.
    ...(versions.length >= 2 ? { submit: plain(tr('tpl.compare'), 24) } : {}),
    close: plain(tr('tpl.close'), 24),
    blocks: [
      header(plain(t.title, 150)),
      mrkdwnSection(list || tr('tpl.no_versions')),
      ...(versions.length < 2
        ? [mrkdwnSection(tr('tpl.one_version'))]
        : [
            select(TemplateBlocks.from, tr('tpl.from_version'), byNumber(diff?.from) ?? newest[1]),
            select(TemplateBlocks.to, tr('tpl.to_version'), byNumber(diff?.to) ?? newest[0]),
          ]),
      ...diffBlocks,
    ],
  });
}

/** A folder of the tree: its subfolders and templates, a page at a time. */
export function buildTemplateBrowserModal(
  listing: FolderListing,
  opts: { canEdit: boolean; ctx: TemplateContext; page?: number; tr?: Translate },
): ModalView {
  const tr = opts.tr ?? defaultT;
  const page = opts.page ?? 0;
  const items = [
    ...listing.subfolders.map((f) => ({ kind: 'folder' as const, f })),
    ...listing.templates.map((t) => ({ kind: 'template' as const, t })),
  ];
  const pageItems = items.slice(page * BROWSER_PAGE, (page + 1) * BROWSER_PAGE);
  const at = (folder: string, p = 0) => ({ folder, page: p, ...opts.ctx });
  const nav: ActionsBlockElement[] = [];
  if (listing.folder !== '')
    nav.push(
      button(
        ActionIds.templateOpenFolder,
        `⬆ ${truncate(folderLabel(parentOf(listing.folder), tr), 60)}`,
        at(parentOf(listing.folder)),
      ),
    );
  if (page > 0)
    nav.push(button(ActionIds.templateOpenFolder, tr('tpl.previous'), at(listing.folder, page - 1)));
  if ((page + 1) * BROWSER_PAGE < items.length)
    nav.push(button(ActionIds.templateOpenFolder, tr('tpl.next'), at(listing.folder, page + 1)));
  const edit: ActionsBlockElement[] = [];
  if (opts.canEdit) {
    edit.push(
      button(
        ActionIds.templateNew,
        tr('tpl.new_here'),
        { folder: listing.folder, page: 0, ...opts.ctx },
        'primary',
      ),
    );
    if (listing.folder !== '') {
      edit.push(
        button(ActionIds.templateFolderMove, tr('tpl.folder_move'), at(listing.folder)),
        button(
          ActionIds.templateFolderDelete,
          tr('tpl.folder_delete'),
          at(listing.folder),
          'danger',
          confirmDialog({
            title: tr('tpl.folder_delete_confirm_title'),
            text: tr('tpl.folder_delete_confirm_text', { folder: truncate(listing.folder, 150) }),
            confirm: tr('tpl.delete'),
            deny: tr('tpl.keep'),
            style: 'danger',
          }),
        ),
      );
    }
  }
  return modal({
    callbackId: ViewIds.templateBrowser,
    privateMetadata: metadata({ ...opts.ctx, folder: listing.folder }),
    title: plain(tr('tpl.browser_title'), 24),
    close: plain(tr('tpl.close'), 24),
    blocks: [
      mrkdwnSection(
        `:open_file_folder: *${escapeMrkdwn(folderLabel(listing.folder, tr))}*${items.length > BROWSER_PAGE ? `  ${tr('tpl.page', { page: page + 1, pages: Math.ceil(items.length / BROWSER_PAGE) })}` : ''}`,
      ),
      ...(nav.length ? [actions(nav, 'tpl_nav')] : []),
      divider(),
      ...(pageItems.length === 0 ? [mrkdwnSection(tr('tpl.empty_folder'))] : []),
      ...pageItems.map((item) =>
        item.kind === 'folder'
          ? mrkdwnSection(
              `:file_folder: *${escapeMrkdwn(truncate(item.f.name, 200))}*  (${item.f.count})`,
              button(ActionIds.templateOpenFolder, tr('tpl.open'), at(item.f.path)),
            )
          : mrkdwnSection(
              `:page_facing_up: ${escapeMrkdwn(truncate(item.t.title, 300))}`,
              button(ActionIds.templateShow, tr('tplsearch.show'), { id: item.t.id, ...opts.ctx }),
            ),
      ),
      ...(edit.length ? [divider(), actions(edit, 'tpl_edit')] : []),
    ],
  });
}

export function buildFolderMoveModal(
  folder: string,
  ctx: TemplateContext,
  tr: Translate = defaultT,
): ModalView {
  return modal({
    callbackId: ViewIds.templateFolderMove,
    privateMetadata: metadata({ ...ctx, folder }),
    title: plain(tr('tpl.folder_move'), 24),
    submit: plain(tr('tpl.save'), 24),
    close: plain(tr('tpl.cancel'), 24),
    blocks: [
      mrkdwnSection(tr('tpl.folder_move_text', { folder: escapeMrkdwn(folder) })),
      inputBlock(
        TemplateBlocks.folder,
        plain(tr('tpl.folder_new_path')),
        textInput('value', { maxLength: TEMPLATE_LIMITS.path, initial: folder }),
      ),
    ],
  });
}

/** A modal that only says something (not allowed, not found). */
export function buildTemplateNoticeModal(
  title: string,
  message: string,
  tr: Translate = defaultT,
): ModalView {
  return modal({
    callbackId: ViewIds.templateNotice,
    title: plain(title, 24),
    close: plain(tr('tpl.close'), 24),
    blocks: [mrkdwnSection(escapeMrkdwn(message))],
  });
}

/** "Copy into draft" without the drafting feature: the text, verbatim, visible only to the agent, in the thread. */
export function buildTemplateCopyMessage(t: Template, tr: Translate = defaultT): SlackMessage {
  return {
    text: t.body.slice(0, 3000),
    blocks: [context(tr('tpl.copy_text', { title: escapeMrkdwn(t.title) })), ...bodySections(t.body)],
  };
}

/** Reads the editor/move/history/search modal inputs out of view_submission state. */
const stateEntry = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
export const viewStateSchema = z.object({ values: z.record(z.string(), z.record(z.string(), stateEntry)) });

export function readViewState(state: unknown) {
  const parsed = viewStateSchema.safeParse(state);
  const values = parsed.success ? parsed.data.values : {};
  const first = (block: string) => Object.values(values[block] ?? {})[0];
  return {
    text: (block: string) => first(block)?.value ?? '',
    selected: (block: string) => first(block)?.selected_option?.value,
    checked: (block: string) => (first(block)?.selected_options ?? []).map((o) => o.value),
  };
}
