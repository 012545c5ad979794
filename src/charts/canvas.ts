import { PNG } from 'pngjs';
import { ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './bitmap-font.ts';

export type Rgb = readonly [number, number, number];

/** A tiny RGB raster with the few primitives a chart needs, encoded with pngjs. */
export function createCanvas(width: number, height: number, background: Rgb = [255, 255, 255]) {
  const png = new PNG({ width, height });
  const data = png.data;
  const set = (x: number, y: number, [r, g, b]: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (Math.floor(y) * width + Math.floor(x)) * 4;
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = 255;
  };
  const fillRect = (x: number, y: number, w: number, h: number, c: Rgb) => {
    for (let yy = Math.round(y); yy < Math.round(y + h); yy++)
      for (let xx = Math.round(x); xx < Math.round(x + w); xx++) set(xx, yy, c);
  };
  fillRect(0, 0, width, height, background);
  return {
    width,
    height,
    set,
    fillRect,
    /** A straight line `thickness` px wide; `dash` draws every other `dash` px. */
    line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1, dash = 0) {
      const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
      for (let i = 0; i <= steps; i++) {
        if (dash > 0 && Math.floor(i / dash) % 2 === 1) continue;
        const x = x0 + ((x1 - x0) * i) / steps;
        const y = y0 + ((y1 - y0) * i) / steps;
        const half = Math.floor(thickness / 2);
        fillRect(Math.round(x) - half, Math.round(y) - half, thickness, thickness, c);
      }
    },
    text(x: number, y: number, text: string, c: Rgb, scale = 1) {
      let cx = x;
      for (const ch of Array.from(text)) {
        const rows = glyph(ch);
        for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
          for (let gx = 0; gx < GLYPH_WIDTH; gx++)
            if (rows[gy]?.[gx] === '1') fillRect(cx + gx * scale, y + gy * scale, scale, scale, c);
        }
        cx += ADVANCE * scale;
      }
    },
    toPng(): Buffer {
      return PNG.sync.write(png);
    },
  };
}
