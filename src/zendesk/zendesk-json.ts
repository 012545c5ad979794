/**
 * JSON from Zendesk (API answers and webhook bodies) with NUL characters replaced by U+FFFD: a customer can
 * type one (Zendesk stores and returns `\u0000`), SQLite keeps it, but PostgreSQL's text columns refuse it
 * and the whole ticket would never be stored. Lone surrogates need nothing here: they become U+FFFD when
 * the driver encodes the text as UTF-8.
 */
export function parseZendeskJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value,
  );
}
