import type { templates as ja } from '../ja/template-search.ts';

/** English for ja/templates.ts: same keys, same {{placeholders}}. */
export const templates: Record<keyof typeof ja, string> = {
  'tplsearch.show': 'Show',
  'tplsearch.copy': 'Copy into draft',
  'tplsearch.all_templates': 'All templates',
  'tplsearch.results': ':mag: {{count}} best matches for *{{query}}*',
  'tplsearch.results_text': 'Templates for "{{query}}": {{titles}}',
  'tplsearch.browse': 'Browse templates',
  'tplsearch.usage':
    'Type what you are looking for: `/template 保育園 申し込み`. Any spelling works (ひらがな, カタカナ, 漢字, 全角/半角).',
  'tplsearch.none': 'No template matches "{{query}}". Try fewer or other words, or browse the folders.',
  'tplsearch.loading':
    ':hourglass_flowing_sand: yorisoi is still loading its templates; results for "{{query}}" follow in a moment.',
  'tplsearch.modal_title': 'Find template',
  'tplsearch.search': 'Search',
  'tplsearch.close': 'Close',
  'tplsearch.words': 'Words to look for',
  'tplsearch.prefilled_hint': "Key phrases of the customer's message; change them and press Search.",
};
