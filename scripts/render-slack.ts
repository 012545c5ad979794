/**
 * npm run render:slack -- FILE|- OUT.png [--width N] [--locale ja|en] [--tz Asia/Tokyo] [--html OUT.html]
 *
 * Renders Block Kit JSON — a message ({blocks, text, attachments}), a list of blocks, {messages:[…]}, a modal
 * or home view, or a views.open/chat.postMessage body — to a PNG that looks like the Slack desktop client,
 * so we can LOOK at what agents see. Headless Chromium from Debian (`apt-get install -y chromium
 * fonts-noto-cjk fonts-lato fonts-noto-color-emoji`) driven by playwright-core. A developer tool only: the
 * app never imports it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { detectSurface, renderHtml } from './render-slack/html.ts';

// The flags Debian's Chromium needs here: as root, without a GPU, and without reaching for Google's hosts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ScreenshotOptions {
  width?: number;
  locale?: string;
  timeZone?: string;
  users?: Record<string, string>;
  channelName?: string;
  now?: Date;
  htmlOut?: string;
}

/** Renders each (input, out.png) pair with one browser. */
export async function renderSlackPngs(
  jobs: { input: unknown; out: string; options?: ScreenshotOptions }[],
): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    for (const { input, out, options = {} } of jobs) {
      const html = renderHtml(detectSurface(input), {
        ctx: {
          locale: options.locale ?? 'ja',
          timeZone: options.timeZone ?? 'Asia/Tokyo',
          users: options.users ?? (input as { users?: Record<string, string> }).users ?? {},
          channels: {},
          now: options.now ?? new Date(),
        },
        ...(options.width ? { width: options.width } : {}),
        ...(options.channelName ? { channelName: options.channelName } : {}),
        time: new Intl.DateTimeFormat(options.locale ?? 'ja', {
          timeZone: options.timeZone ?? 'Asia/Tokyo',
          hour: 'numeric',
          minute: '2-digit',
        }).format(options.now ?? new Date()),
      });
      if (options.htmlOut) writeFileSync(options.htmlOut, html);
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
      // No network: the page is self-contained, and any image URL stays a placeholder box.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      await page.locator('#root').screenshot({ path: out });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

async function readInput(file: string): Promise<unknown> {
  if (file !== '-') return JSON.parse(readFileSync(file, 'utf8'));
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      width: { type: 'string' },
      locale: { type: 'string', default: 'ja' },
      tz: { type: 'string', default: 'Asia/Tokyo' },
      html: { type: 'string' },
      channel: { type: 'string' },
    },
  });
  const [file, out] = positionals;
  if (!file || !out) {
    console.error(
      'usage: npm run render:slack -- FILE|- OUT.png [--width N] [--locale ja|en] [--tz ZONE] [--html OUT.html] [--channel NAME]',
    );
    process.exit(2);
  }
  await renderSlackPngs([
    {
      input: await readInput(file),
      out,
      options: {
        ...(values.width ? { width: Number(values.width) } : {}),
        locale: values.locale,
        timeZone: values.tz,
        ...(values.html ? { htmlOut: values.html } : {}),
        ...(values.channel ? { channelName: values.channel } : {}),
      },
    },
  ]);
  console.log(`wrote ${out}`);
}
