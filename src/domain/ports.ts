/** Ports every feature may use (each feature's own ports live in src/domain/<feature>/ports.ts). */

/** Small named values that must survive a restart (the incremental export's cursor, the macro import's marks). */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}
