import { describe, expect, it } from 'vitest';
import { validateMessageBlocks, validateView } from '../../src/sim/slack/block-kit.ts';
import { viewCatalog } from './view-catalog.ts';

// Every view builder's output against Slack's published Block Kit schema (the simulator's validator), so a
// block Slack would refuse with invalid_blocks fails here first.

describe('every view builder produces Block Kit that Slack accepts', () => {
  const catalog = viewCatalog();

  it('covers every builder module', () => {
    expect(catalog.length).toBeGreaterThan(60);
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
