/** Loading views of modals that open at once and are filled in afterwards (Japanese). */
export const modals = {
  'modals.loading.editor': ':hourglass_flowing_sand: 返信の下書きを開いています…',
  'modals.loading.follow_up': ':hourglass_flowing_sand: フォローアップの依頼を準備しています…',
} as const;
