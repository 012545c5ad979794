import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { renderVolumeChart, TITLE_FONT_PX } from '../../src/charts/volume-chart.ts';
import type { VolumeChartData } from '../../src/domain/volume/ports.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-11-30T05:20:00Z'); // 14:20 in Tokyo

function chartFor(tag: string): VolumeChartData {
  const hourStart = new Date(Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR);
  const dayStart = new Date(Math.floor((now.getTime() + 9 * HOUR) / DAY) * DAY - 9 * HOUR - 27 * DAY);
  return {
    title: `問い合わせ件数 — タグ ${tag}`,
    now,
    tzOffsetMinutes: 540,
    panels: [
      {
        label: '直近24時間（1時間ごと）',
        start: hourStart,
        stepMs: HOUR,
        counts: Array.from({ length: 24 }, (_, i) => (i * 7) % 11),
        baseline: Array.from({ length: 24 }, (_, i) => (i * 5) % 7),
      },
      {
        label: '直近4週間（1日ごと）',
        start: dayStart,
        stepMs: DAY,
        counts: Array.from({ length: 28 }, (_, i) => (i * 13) % 40),
      },
    ],
  };
}

/** Ink coverage (0 = paper, 1 = full ink) of every pixel, from the PNG's luminance. */
async function coverage(png: Uint8Array) {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const cov = new Float32Array(image.width * image.height);
  for (let i = 0; i < cov.length; i++) {
    const lum = 0.299 * (data[i * 4] ?? 0) + 0.587 * (data[i * 4 + 1] ?? 0) + 0.114 * (data[i * 4 + 2] ?? 0);
    cov[i] = 1 - lum / 255;
  }
  return { width: image.width, height: image.height, cov };
}

const require = createRequire(import.meta.url);
const fontFile = path.join(
  path.dirname(require.resolve('@embedpdf/fonts-jp')),
  '..',
  'fonts',
  'NotoSansJP-Bold.otf',
);

/** "請求" drawn alone in Noto Sans JP Bold at the title's size, at sub-pixel offset `dx`, trimmed to its ink. */
function reference(text: string, px: number, dx: number) {
  GlobalFonts.registerFromPath(fontFile, 'Reference Noto Sans JP');
  const w = Math.ceil(px * text.length + 20);
  const h = Math.ceil(px * 2);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.font = `bold ${px}px "Reference Noto Sans JP"`;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(text, 10 + dx, Math.round(px * 1.4));
  const { data } = ctx.getImageData(0, 0, w, h);
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  const cov = (x: number, y: number) => 1 - (data[(y * w + x) * 4] ?? 255) / 255;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (cov(x, y) > 0.02)
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  const tw = x1 - x0 + 1;
  const th = y1 - y0 + 1;
  const t = new Float32Array(tw * th);
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) t[y * tw + x] = cov(x0 + x, y0 + y);
  return { w: tw, h: th, t };
}

/** The smallest mean difference between the template and any window of the image's top `rows` rows. */
function bestMatch(
  img: { width: number; cov: Float32Array },
  tpl: ReturnType<typeof reference>,
  rows: number,
) {
  // Ink is near-black in the chart (not pure black): compare shapes after scaling the template's ink.
  let best = Number.POSITIVE_INFINITY;
  const budget = 0.06 * tpl.w * tpl.h;
  // Only windows where the template's darkest pixel lands on ink are worth comparing.
  let anchor = 0;
  for (let i = 1; i < tpl.t.length; i++) if ((tpl.t[i] ?? 0) > (tpl.t[anchor] ?? 0)) anchor = i;
  const [ax, ay] = [anchor % tpl.w, Math.floor(anchor / tpl.w)];
  for (let oy = 0; oy + tpl.h <= rows; oy++) {
    for (let ox = 0; ox + tpl.w <= img.width; ox++) {
      if ((img.cov[(oy + ay) * img.width + ox + ax] ?? 0) < 0.4) continue;
      let sum = 0;
      for (let y = 0; y < tpl.h && sum < budget; y++) {
        const row = (oy + y) * img.width + ox;
        for (let x = 0; x < tpl.w; x++)
          sum += Math.abs((img.cov[row + x] ?? 0) - 0.87 * (tpl.t[y * tpl.w + x] ?? 0));
      }
      if (sum < budget) best = Math.min(best, sum / (tpl.w * tpl.h));
    }
  }
  return best;
}

describe('volume chart rendering', () => {
  it('the PNG for a tag named 請求 shows 請求 as written (matches a reference rendering in Noto Sans JP)', async () => {
    const png = renderVolumeChart(chartFor('請求'));
    const img = await coverage(png);
    const px = TITLE_FONT_PX;
    expect(px).toBeGreaterThanOrEqual(24);
    let best = Number.POSITIVE_INFINITY;
    for (const dx of [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875]) {
      best = Math.min(best, bestMatch(img, reference('請求', px, dx), Math.min(img.height, 120)));
      if (best < 0.02) break;
    }
    expect(best).toBeLessThan(0.03);
    // The same search for 写真 finds nothing as close: the match is these glyphs, not any dark shape.
    let wrong = Number.POSITIVE_INFINITY;
    for (const dx of [0, 0.25, 0.5, 0.75])
      wrong = Math.min(wrong, bestMatch(img, reference('写真', px, dx), 120));
    expect(wrong).toBeGreaterThan(best * 2);

    // A title with other kanji of the same length draws differently: the glyphs are not placeholders.
    const other = await coverage(renderVolumeChart(chartFor('写真')));
    let differing = 0;
    for (let i = 0; i < img.cov.length; i++)
      if (Math.abs((img.cov[i] ?? 0) - (other.cov[i] ?? 0)) > 0.2) differing++;
    expect(differing).toBeGreaterThan(200);
  }, 60_000);
});
