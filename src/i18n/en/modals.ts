import type { modals as ja } from '../ja/modals.ts';

/** English for ja/modals.ts: same keys. */
export const modals: Record<keyof typeof ja, string> = {
  'modals.loading.editor': ':hourglass_flowing_sand: Opening the reply draft…',
  'modals.loading.follow_up': ':hourglass_flowing_sand: Getting the follow-up request ready…',
};
