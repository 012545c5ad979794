import i18next, { type i18n } from 'i18next';
import { en } from './messages-en.ts';
import { ja, type MessageKey } from './messages-ja.ts';

export type { MessageKey } from './messages-ja.ts';

/** The languages yorisoi speaks; Japanese is the default everywhere. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogs: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Fills a message: `t('error.zendesk_rate_limited', { seconds: 30 })`. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

// One i18next instance for the process, initialised synchronously from the bundled catalogs (no backend,
// no language detection: the locale is chosen per reader by `localeFromSlack`). Values are not escaped
// here: the views escape for mrkdwn, which i18next's HTML escaping would get wrong.
let instance: i18n | undefined;
function i18nInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    initAsync: false,
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: 'ja',
    fallbackLng: 'ja',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  instance = created;
  return created;
}

export function translator(locale: Locale): Translate {
  const fixed = i18nInstance().getFixedT(locale);
  return (key, vars) => fixed(key, vars ?? {});
}

/** Both languages, Japanese first: for texts every reader sees (channel posts, CLI errors). */
export function bilingual(key: MessageKey, vars?: Record<string, string | number>): string {
  const jaText = translator('ja')(key, vars);
  const enText = translator('en')(key, vars);
  return jaText === enText ? jaText : `${jaText}\n${enText}`;
}

/**
 * The reader's language from Slack's `users.info` locale (`ja-JP`, `en-US` …); anything yorisoi does not
 * speak falls back to the workspace default (`YORISOI_LOCALE`).
 */
export function localeFromSlack(slackLocale: string | undefined | null, fallback: Locale): Locale {
  const lang = slackLocale?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === lang) ?? fallback;
}
