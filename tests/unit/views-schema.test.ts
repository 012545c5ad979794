import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateMessageBlocks, validateView } from '../../src/sim/slack/block-kit.ts';
import * as careChart from '../../src/views/care-chart.ts';
import * as draftModal from '../../src/views/draft-modal.ts';
import * as help from '../../src/views/help.ts';
import * as loading from '../../src/views/loading.ts';
import * as templates from '../../src/views/templates.ts';
import * as ticketThread from '../../src/views/ticket-thread.ts';
import * as voice from '../../src/views/voice.ts';
import * as volume from '../../src/views/volume.ts';
import { viewCatalog } from './view-catalog.ts';

// Every view builder's output against Slack's published Block Kit schema (the simulator's validator), so a
// block Slack would refuse with invalid_blocks fails here first.

describe('every view builder produces Block Kit that Slack accepts', () => {
  const catalog = viewCatalog();

  it('the catalog runs every exported build… function of src/views', () => {
    const source = readFileSync(new URL('./view-catalog.ts', import.meta.url), 'utf8');
    const builders = [careChart, draftModal, help, loading, templates, ticketThread, voice, volume].flatMap(
      (m) =>
        Object.entries(m)
          .filter(([name, value]) => name.startsWith('build') && typeof value === 'function')
          .map(([name]) => name),
    );
    expect(builders.length).toBeGreaterThan(40);
    expect(builders.filter((name) => !source.includes(`${name}(`))).toEqual([]);
  });

  for (const entry of catalog) {
    it(entry.name, () => {
      if (entry.kind === 'message') {
        expect(entry.value.text.length).toBeGreaterThan(0);
        expect(validateMessageBlocks(entry.value.blocks ?? [])).toEqual([]);
        for (const [i, attachment] of (entry.value.attachments ?? []).entries())
          expect(validateMessageBlocks(attachment.blocks ?? []), `attachment ${i}`).toEqual([]);
      } else {
        expect(validateView(entry.value, entry.kind)).toEqual([]);
      }
    });
  }
});
