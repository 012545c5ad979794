/**
 * What a person sees when a click cannot do what the button promised: Japanese first, English second,
 * never silence. Sent as an ephemeral message in the place of the click.
 */
export const ClickAnswers = {
  unknownButton:
    'このボタンは使えなくなりました（古いメッセージかもしれません）。\n' +
    'This button no longer works (the message may be out of date).',
  draftGone:
    'この下書きはもうありません（削除されたか、別の版に置き換えられました）。\n' +
    'This draft no longer exists (it was deleted or replaced).',
  ticketGone:
    'このメッセージのチケットは yorisoi にもうありません（削除されたか、別のチケットに統合されました）。\n' +
    'yorisoi no longer has the ticket of this message (it was deleted or merged).',
  sendGone:
    'この送信はもう取り消せません（見つかりません）。\n' +
    'This send can no longer be undone (it was not found).',
} as const;
