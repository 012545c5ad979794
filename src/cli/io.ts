/** Where a CLI command writes (and, for `templates search --batch`, reads). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Standard input (`templates search --batch`); process.stdin when not given. */
  stdin?: NodeJS.ReadableStream;
}
