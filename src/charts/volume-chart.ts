import type { ChartRenderer, VolumeChartData } from '../domain/volume/alert-service.ts';
import { GLYPH_HEIGHT, textWidth } from './bitmap-font.ts';
import { createCanvas, type Rgb } from './canvas.ts';

const INK: Rgb = [33, 37, 41];
const MUTED: Rgb = [110, 117, 125];
const GRID: Rgb = [226, 230, 234];
const BAR: Rgb = [54, 118, 201];
const LAST_BAR: Rgb = [220, 80, 60];
const BASELINE: Rgb = [240, 150, 20];

const WIDTH = 1000;
const PANEL_HEIGHT = 270;
const LEFT = 60;
const RIGHT = 20;

/** The smallest 1/2/5×10^k at or above `max / ticks`, so the y axis reads in round numbers. */
function niceStep(max: number, ticks = 5): number {
  const raw = Math.max(1, max) / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return Math.max(1, m * p);
  return 10 * p;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A label for a bucket start in the chart's time zone: 09 for hours, 11/23 for days. */
function tickLabel(at: number, stepMs: number, offsetMs: number): string {
  const d = new Date(at + offsetMs);
  if (stepMs < 24 * 3_600_000) return `${pad2(d.getUTCHours())}`;
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
}

/** Renders the volume chart as a PNG: one panel per series, bars for counts, a dashed baseline line. */
export function renderVolumeChart(data: VolumeChartData): Buffer {
  const top = 56;
  const height = top + data.panels.length * (PANEL_HEIGHT + 24) + 10;
  const c = createCanvas(WIDTH, height);
  const offsetMs = data.tzOffsetMinutes * 60_000;
  const tz =
    data.tzOffsetMinutes === 0
      ? 'UTC'
      : `UTC${data.tzOffsetMinutes > 0 ? '+' : '-'}${Math.abs(data.tzOffsetMinutes) / 60}`;
  // Titles are drawn with an ASCII font; names in other scripts show as '?' (the upload's title has them).
  c.text(LEFT, 14, data.title, INK, 2);
  const stamp = new Date(data.now.getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ');
  c.text(LEFT, 38, `AS OF ${stamp} ${tz}`, MUTED);

  data.panels.forEach((panel, index) => {
    const y0 = top + index * (PANEL_HEIGHT + 24);
    const plotTop = y0 + 22;
    const plotBottom = y0 + PANEL_HEIGHT - 24;
    const plotLeft = LEFT;
    const plotRight = WIDTH - RIGHT;
    const plotH = plotBottom - plotTop;
    const plotW = plotRight - plotLeft;
    const n = Math.max(1, panel.counts.length);
    const max = Math.max(1, ...panel.counts, ...(panel.baseline ?? []));
    const step = niceStep(max);
    const yMax = Math.ceil(max / step) * step;
    const yOf = (v: number) => plotBottom - (v / yMax) * plotH;

    c.text(plotLeft, y0 + 4, panel.label, INK);
    const total = panel.counts.reduce((a, b) => a + b, 0);
    const summary = `TOTAL ${total}  MAX ${Math.max(0, ...panel.counts)}`;
    c.text(plotRight - textWidth(summary), y0 + 4, summary, MUTED);

    // Grid and y axis with tick labels.
    for (let v = 0; v <= yMax; v += step) {
      const y = Math.round(yOf(v));
      c.line(plotLeft, y, plotRight, y, GRID);
      const label = String(v);
      c.text(plotLeft - 8 - textWidth(label), y - Math.floor(GLYPH_HEIGHT / 2), label, MUTED);
    }
    c.line(plotLeft, plotTop, plotLeft, plotBottom, INK, 2);
    c.line(plotLeft, plotBottom, plotRight, plotBottom, INK, 2);

    // Bars.
    const slot = plotW / n;
    const barW = Math.max(1, Math.floor(slot * 0.7));
    panel.counts.forEach((v, i) => {
      if (v <= 0) return;
      const x = plotLeft + i * slot + (slot - barW) / 2;
      const y = yOf(v);
      c.fillRect(x, y, barW, plotBottom - y, i === n - 1 ? LAST_BAR : BAR);
    });

    // Baseline: median of the same bucket on previous weeks.
    if (panel.baseline) {
      for (let i = 1; i < panel.baseline.length; i++) {
        const xa = plotLeft + (i - 0.5) * slot;
        const xb = plotLeft + (i + 0.5) * slot;
        c.line(
          Math.round(xa),
          Math.round(yOf(panel.baseline[i - 1] ?? 0)),
          Math.round(xb),
          Math.round(yOf(panel.baseline[i] ?? 0)),
          BASELINE,
          2,
          6,
        );
      }
    }

    // X axis labels: about eight, on bucket starts.
    const every = Math.max(1, Math.ceil(n / 8));
    for (let i = 0; i < n; i += every) {
      const at = panel.start.getTime() + i * panel.stepMs;
      const label = tickLabel(at, panel.stepMs, offsetMs);
      const x = plotLeft + i * slot + slot / 2;
      c.line(Math.round(x), plotBottom, Math.round(x), plotBottom + 4, INK);
      c.text(Math.round(x - textWidth(label) / 2), plotBottom + 8, label, MUTED);
    }
    const legend = panel.baseline
      ? `BARS: TICKETS (${tz})   DASHED: USUAL (MEDIAN OF PREVIOUS WEEKS)`
      : `BARS: TICKETS (${tz})`;
    c.text(plotRight - textWidth(legend), plotBottom + 8 + GLYPH_HEIGHT + 4, legend, MUTED);
  });
  return c.toPng();
}

export const pngChartRenderer: ChartRenderer = {
  volumeChart: (data) => renderVolumeChart(data),
};
