/**
 * Copies the parts of the published Slack specs the simulator's contract test checks against into
 * tests/fixtures/slack-specs/, so the test runs on a clone without ../shared: the per-method files of the
 * methods the simulator implements, and those methods' paths from the official OpenAPI file. (MIT: see
 * tests/fixtures/slack-specs/LICENSE.md.) Run: npx tsx scripts/vendor-slack-specs.ts [SPECS_DIR]
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLACK_METHODS } from '../src/sim/slack/errors.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const from = process.argv[2] ?? path.join(root, '..', 'shared', 'specs', 'slack');
const to = path.join(root, 'tests', 'fixtures', 'slack-specs');
const methods = path.join('slack-api-ref', 'docs.slack.dev', 'methods');
mkdirSync(path.join(to, methods), { recursive: true });
// The contract test also looks up common error names in these methods' documentation.
const wanted = [...SLACK_METHODS, 'admin.users.list', 'apps.manifest.create'];
for (const method of wanted)
  copyFileSync(path.join(from, methods, `${method}.json`), path.join(to, methods, `${method}.json`));
const openapi = JSON.parse(readFileSync(path.join(from, 'slack_web_openapi_v2.json'), 'utf8'));
openapi.paths = Object.fromEntries(
  Object.entries(openapi.paths).filter(([p]) => wanted.includes(p.slice(1))),
);
writeFileSync(path.join(to, 'slack_web_openapi_v2.json'), `${JSON.stringify(openapi)}\n`);
copyFileSync(path.join(from, 'slack-api-ref', 'LICENSE.md'), path.join(to, 'LICENSE.md'));
console.log(`copied ${wanted.length} method specs and their OpenAPI paths to ${to}`);
