import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { type ChartConfiguration, Chart as ChartJs, type Plugin, registerables } from 'chart.js';
import type { ChartRenderer, VolumeChartData } from '../domain/volume/ports.ts';

/**
 * The volume chart: Chart.js drawing on @napi-rs/canvas (Skia), text in Noto Sans JP from the
 * @embedpdf/fonts-jp package (OFL-1.1), so tag and inbox names appear as written. See
 * docs/architecture.md, "Charts: renderer choice".
 */

ChartJs.register(...registerables);

export const FONT_FAMILY = 'Noto Sans JP';
/** The title's pixel size; tests render the reference glyphs at the same size. */
export const TITLE_FONT_PX = 40;

const INK = '#212529';
const MUTED = '#5c636a';
const GRID = '#e2e6ea';
const DAY_LINE = '#adb5bd';
const BAR = 'rgb(54, 118, 201)';
const PARTIAL_BAR = 'rgba(54, 118, 201, 0.35)';
const BASELINE = 'rgb(230, 130, 0)';
const FUTURE = 'rgba(108, 117, 125, 0.08)';

const WIDTH = 1200;
const HEADER = 120;
const PANEL_HEIGHT = 410;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

let fontsReady = false;
/** Registers Noto Sans JP Regular and Bold once per process (Skia keeps them). */
function ensureFonts() {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  // The package exports only its font list; the .otf files sit in fonts/ beside dist/.
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-jp')), '..', 'fonts');
  for (const file of ['NotoSansJP-Regular.otf', 'NotoSansJP-Bold.otf']) {
    if (!GlobalFonts.registerFromPath(path.join(dir, file), FONT_FAMILY)) {
      throw new Error(`could not load the chart font ${file} from ${dir}`);
    }
  }
  ChartJs.defaults.font.family = FONT_FAMILY;
  ChartJs.defaults.color = MUTED;
  fontsReady = true;
}

type Panel = VolumeChartData['panels'][number];

/** Wall-clock parts of an instant in the chart's time zone (a fixed UTC offset from the configuration). */
function local(at: number, tzOffsetMinutes: number) {
  const d = new Date(at + tzOffsetMinutes * 60_000);
  return {
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: WEEKDAYS[d.getUTCDay()] ?? '',
    year: d.getUTCFullYear(),
    isMidnight: d.getUTCHours() === 0 && d.getUTCMinutes() === 0,
  };
}

export function tzLabel(tzOffsetMinutes: number): string {
  if (tzOffsetMinutes === 0) return 'UTC';
  const h = Math.floor(Math.abs(tzOffsetMinutes) / 60);
  const m = Math.abs(tzOffsetMinutes) % 60;
  return `UTC${tzOffsetMinutes > 0 ? '+' : '-'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** Which buckets are finished, which one holds `now` (still counting) and which lie ahead. */
function bucketStates(panel: Panel, now: Date): Array<'done' | 'partial' | 'future'> {
  return panel.counts.map((_, i) => {
    const start = panel.start.getTime() + i * panel.stepMs;
    if (start > now.getTime()) return 'future';
    return start + panel.stepMs > now.getTime() ? 'partial' : 'done';
  });
}

/**
 * The x-axis labels of one panel, in the chart's time zone. `position` is in bucket widths from the panel's
 * left edge (0.5 = under the first bar). Hourly panels label every few hours (`15時`) and midnight with the
 * date (`11/30`); 6-hour panels label each day once, under its middle (`11/24(火)`); daily panels label
 * every few days counted back from the newest, so the current day always has its date.
 */
export function timeAxisLabels(
  data: VolumeChartData,
  panelIndex: number,
): Array<{ position: number; text: string }> {
  const panel = data.panels[panelIndex];
  if (!panel) return [];
  const n = panel.counts.length;
  const at = (i: number) => panel.start.getTime() + i * panel.stepMs;
  const labels: Array<{ position: number; text: string }> = [];
  if (panel.stepMs < 6 * HOUR_MS) {
    const hoursPerStep = Math.max(1, Math.round(panel.stepMs / HOUR_MS));
    const every = [1, 2, 3, 6, 12, 24].find((e) => (n * hoursPerStep) / e <= 9) ?? 24;
    for (let i = 0; i < n; i++) {
      const t = local(at(i), data.tzOffsetMinutes);
      if (t.minute !== 0 || t.hour % every !== 0) continue;
      labels.push({ position: i + 0.5, text: t.isMidnight ? `${t.month}/${t.day}` : `${t.hour}時` });
    }
    return labels;
  }
  if (panel.stepMs < DAY_MS) {
    // One label per local day, under the middle of the part of that day the panel shows.
    const days = new Map<string, { from: number; to: number; text: string }>();
    for (let i = 0; i < n; i++) {
      const t = local(at(i), data.tzOffsetMinutes);
      const key = `${t.year}-${t.month}-${t.day}`;
      const seen = days.get(key);
      if (seen) seen.to = i + 1;
      else days.set(key, { from: i, to: i + 1, text: `${t.month}/${t.day}(${t.weekday})` });
    }
    const list = [...days.values()];
    const every = Math.max(1, Math.ceil(list.length / 8));
    list.forEach((d, k) => {
      if ((list.length - 1 - k) % every === 0) labels.push({ position: (d.from + d.to) / 2, text: d.text });
    });
    return labels;
  }
  const every = n <= 10 ? 1 : 7 * Math.max(1, Math.ceil(n / 7 / 8));
  for (let i = n - 1; i >= 0; i -= every) {
    const t = local(at(i), data.tzOffsetMinutes);
    labels.unshift({ position: i + 0.5, text: `${t.month}/${t.day}(${t.weekday})` });
  }
  return labels;
}

/** Draws our own x labels, day separators, the "in progress" note and the shaded future. */
function timeAxisPlugin(data: VolumeChartData, panelIndex: number, states: string[]): Plugin<'bar'> {
  const panel = data.panels[panelIndex] as Panel;
  const n = panel.counts.length;
  return {
    id: 'yorisoiTimeAxis',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a } = chart;
      const slot = (a.right - a.left) / n;
      ctx.save();
      const firstFuture = states.indexOf('future');
      if (firstFuture >= 0) {
        ctx.fillStyle = FUTURE;
        ctx.fillRect(a.left + firstFuture * slot, a.top, (n - firstFuture) * slot, a.bottom - a.top);
      }
      // A line at each local midnight inside sub-day panels.
      if (panel.stepMs < DAY_MS) {
        ctx.strokeStyle = DAY_LINE;
        ctx.lineWidth = 1.5;
        for (let i = 1; i < n; i++) {
          if (!local(panel.start.getTime() + i * panel.stepMs, data.tzOffsetMinutes).isMidnight) continue;
          const x = Math.round(a.left + i * slot) + 0.5;
          ctx.beginPath();
          ctx.moveTo(x, a.top);
          ctx.lineTo(x, a.bottom + 6);
          ctx.stroke();
        }
      }
      ctx.restore();
    },
    afterDraw(chart) {
      const { ctx, chartArea: a } = chart;
      const slot = (a.right - a.left) / n;
      ctx.save();
      ctx.fillStyle = INK;
      ctx.font = `24px "${FONT_FAMILY}"`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const label of timeAxisLabels(data, panelIndex)) {
        // Centred under its bars, but never past the canvas edge.
        const half = ctx.measureText(label.text).width / 2;
        const x = Math.min(chart.width - 4 - half, Math.max(half + 4, a.left + label.position * slot));
        ctx.fillText(label.text, x, a.bottom + 10);
      }
      const partial = states.indexOf('partial');
      if (partial >= 0) {
        const scale = chart.scales.y;
        const value = panel.counts[partial] ?? 0;
        const top = scale ? scale.getPixelForValue(value) : a.bottom;
        const x = a.left + (partial + 0.5) * slot;
        ctx.font = `bold 22px "${FONT_FAMILY}"`;
        ctx.textBaseline = 'bottom';
        const half = ctx.measureText('集計中').width / 2;
        const lx = Math.min(chart.width - 4 - half, x);
        const ly = Math.max(a.top + 26, top - 6);
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 6;
        ctx.lineJoin = 'round';
        ctx.strokeText('集計中', lx, ly);
        ctx.fillStyle = BAR;
        ctx.fillText('集計中', lx, ly);
      }
      ctx.restore();
    },
  };
}

/** A round axis maximum above the highest bar or baseline point, so no bar touches the top. */
function niceMax(max: number): number {
  const raw = Math.max(4, max) / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p);
  return (Math.floor(Math.max(0, max) / step) + 1) * step;
}

/** Draws panel `panelIndex` with Chart.js on its own canvas, then copies it onto `target` at `top`. */
function drawPanel(data: VolumeChartData, panelIndex: number, target: SKRSContext2D, top: number) {
  const panel = data.panels[panelIndex] as Panel;
  const states = bucketStates(panel, data.now);
  const canvas = createCanvas(WIDTH, PANEL_HEIGHT);
  const shown = panel.counts.map((v, i) => (states[i] === 'future' ? null : v));
  const max = niceMax(Math.max(0, ...panel.counts, ...(panel.baseline ?? [])));
  const total = panel.counts.reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...panel.counts);
  const config: ChartConfiguration<'bar' | 'line', Array<number | null>, string> = {
    type: 'bar',
    data: {
      labels: panel.counts.map((_, i) => String(i)),
      datasets: [
        {
          type: 'bar',
          label: '件数 tickets',
          data: shown,
          backgroundColor: states.map((s) => (s === 'partial' ? PARTIAL_BAR : BAR)),
          borderColor: BAR,
          borderWidth: states.map((s) => (s === 'partial' ? 2 : 0)),
          pointStyle: 'rect',
          categoryPercentage: 0.8,
          barPercentage: 0.9,
          order: 2,
        },
        ...(panel.baseline
          ? [
              {
                type: 'line' as const,
                label: 'いつもの件数（過去4週の中央値）usual',
                data: panel.baseline,
                borderColor: BASELINE,
                backgroundColor: BASELINE,
                borderDash: [10, 6],
                borderWidth: 3,
                pointRadius: 0,
                pointStyle: 'line',
                tension: 0,
                order: 1,
              },
            ]
          : []),
      ],
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { left: 12, right: 24, top: 4, bottom: 46 } },
      plugins: {
        title: {
          display: true,
          text: `${panel.label}　合計 ${total}・最大 ${peak}`,
          align: 'start',
          color: INK,
          font: { size: 28, weight: 'bold' },
          padding: { top: 8, bottom: 6 },
        },
        legend: {
          display: true,
          align: 'end',
          labels: {
            font: { size: 22 },
            color: INK,
            boxWidth: 32,
            boxHeight: 16,
            usePointStyle: true,
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
        tooltip: { enabled: false },
      },
      scales: {
        x: { ticks: { display: false }, grid: { display: false }, border: { color: INK, width: 2 } },
        y: {
          beginAtZero: true,
          max,
          ticks: { font: { size: 22 }, color: MUTED, maxTicksLimit: 6, precision: 0 },
          grid: { color: GRID },
          border: { display: false },
        },
      },
    },
    plugins: [timeAxisPlugin(data, panelIndex, states) as Plugin<'bar' | 'line'>],
  };
  // Chart.js is typed for the DOM canvas; @napi-rs/canvas's context implements the same 2D API (not Block Kit).
  const chart = new ChartJs(canvas.getContext('2d') as never, config);
  target.drawImage(canvas, 0, top);
  chart.destroy(); // clears its canvas: copy first
}

/** Renders the volume chart as a PNG: a Japanese title, then one panel per series (bars, dashed usual level). */
export function renderVolumeChart(data: VolumeChartData): Buffer {
  ensureFonts();
  const height = HEADER + data.panels.length * PANEL_HEIGHT + 12;
  const canvas = createCanvas(WIDTH, height);
  const ctx: SKRSContext2D = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.font = `bold ${TITLE_FONT_PX}px "${FONT_FAMILY}"`;
  ctx.fillText(data.title, 24, 58);
  const t = local(data.now.getTime(), data.tzOffsetMinutes);
  const hhmm = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  ctx.fillStyle = MUTED;
  ctx.font = `24px "${FONT_FAMILY}"`;
  ctx.fillText(
    `${t.year}/${t.month}/${t.day}(${t.weekday}) ${hhmm} 時点・${tzLabel(data.tzOffsetMinutes)}　薄い棒は集計中 (lighter bar: still counting)`,
    24,
    100,
  );
  data.panels.forEach((_, i) => {
    drawPanel(data, i, ctx, HEADER + i * PANEL_HEIGHT);
  });
  return canvas.toBuffer('image/png');
}

export const pngChartRenderer: ChartRenderer = {
  volumeChart: (data) => renderVolumeChart(data),
};
