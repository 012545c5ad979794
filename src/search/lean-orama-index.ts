// Orama's default index component, minus the per-document term-frequency table.
//
// Our tokens are de-duplicated bigrams, so every term frequency would be 1/length anyway. The
// stock component still stores one `{ token: tf }` entry per token per document (hundreds of
// bytes per template, most of the heap at 10,000 templates) and counts each token's frequency
// by scanning all the document's tokens (quadratic per document: most of the build time).
// Without the table, Orama's BM25 sees tf = 0 and a token's score reduces to its idf × d / k
// (with b = 0), i.e. retrieval ranks candidates by the summed idf of the query tokens they
// contain — which is what our re-ranking wants from it.

import { index as oramaIndex } from '@orama/orama/components';

type OramaIndexComponent = ReturnType<typeof oramaIndex.createIndex>;

export function createLeanIndexComponent(): OramaIndexComponent {
  const stock = oramaIndex.createIndex();
  return {
    ...stock,
    insertDocumentScoreParameters(index, prop, internalId, tokens, docsCount) {
      const id = internalId as unknown as number; // Orama passes the internal (numeric) id here
      index.avgFieldLength[prop] =
        ((index.avgFieldLength[prop] ?? 0) * (docsCount - 1) + tokens.length) / docsCount;
      (index.fieldLengths[prop] as Record<number, number>)[id] = tokens.length;
    },
    insertTokenScoreParameters(index, prop, _internalId, _tokens, token) {
      const occurrences = index.tokenOccurrences[prop] as Record<string, number>;
      occurrences[token] = (occurrences[token] ?? 0) + 1;
    },
  };
}
