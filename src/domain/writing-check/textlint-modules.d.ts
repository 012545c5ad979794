// The Japanese textlint rule packages ship JavaScript without type declarations: each is a textlint
// rule module (CommonJS; some export it as `default`). writing-check.ts unwraps and types them.
declare module 'textlint-rule-no-dropping-the-ra' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-mix-dearu-desumasu' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-ja-no-redundant-expression' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-no-doubled-joshi' {
  const rule: unknown;
  export default rule;
}
declare module 'textlint-rule-ja-no-abusage' {
  const rule: unknown;
  export default rule;
}
