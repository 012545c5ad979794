import { runCli } from './cli/cli.ts';

/** Composition root entry: the only place that reads process.env (handed down as a plain object). */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  return runCli(argv, env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
