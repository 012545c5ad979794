import { extname } from 'node:path';
import { optInt, optJson, optString, reqString } from '../args.ts';
import type { SimContext } from '../context.ts';
import { slackError } from '../errors.ts';
import { APP_ID, BOT_ID, BOT_USER_ID } from '../seed.ts';
import { findMessage, insertMessage } from '../store.ts';
import type { SimFileRef, StoredFile, StoredMessage } from '../types.ts';
import { type MethodTable, resolveChannel } from './common.ts';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.md': 'text/markdown',
};

export function fileRef(f: StoredFile): SimFileRef {
  return { id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, size: f.size };
}

export const fileMethods: MethodTable = {
  'files.getUploadURLExternal': {
    token: 'bot',
    handle({ ctx, args }) {
      const filename = reqString(args, 'filename');
      const length = optInt(args, 'length');
      if (length === undefined || length < 0)
        throw slackError(
          'files.getUploadURLExternal',
          'invalid_arguments',
          '[ERROR] missing required field: length',
        );
      const id = ctx.ids.id('F');
      // web-api sends alt_text; the documented name is alt_txt.
      const alt = optString(args, 'alt_txt') ?? optString(args, 'alt_text');
      ctx.store.files.set(id, {
        id,
        name: filename,
        title: filename,
        mimetype: MIME[extname(filename).toLowerCase()] ?? 'application/octet-stream',
        size: length,
        bytes: null,
        ...(alt ? { alt_txt: alt } : {}),
        user: BOT_USER_ID,
        created: Math.floor(ctx.clock.now() / 1000),
        completed: false,
      });
      return { upload_url: `${ctx.baseUrl()}/_sim/slack/upload/${id}`, file_id: id };
    },
  },

  'files.completeUploadExternal': {
    token: 'bot',
    handle({ ctx, args }) {
      const filesArg = optJson(args, 'files');
      if (!filesArg || 'bad' in filesArg || !Array.isArray(filesArg.value) || filesArg.value.length === 0) {
        throw slackError(
          'files.completeUploadExternal',
          'invalid_arguments',
          '[ERROR] files must be a JSON array of {id, title}',
        );
      }
      const entries = filesArg.value as { id?: unknown; title?: unknown }[];
      const files = entries.map((entry) => {
        const file = typeof entry.id === 'string' ? ctx.store.files.get(entry.id) : undefined;
        // A file id whose bytes never arrived is as good as missing.
        if (!file || file.bytes === null) throw slackError('files.completeUploadExternal', 'file_not_found');
        return { file, title: typeof entry.title === 'string' ? entry.title : undefined };
      });
      const channelArg = optString(args, 'channel_id') ?? optString(args, 'channels');
      if (channelArg?.includes(',') && optString(args, 'thread_ts'))
        throw slackError('files.completeUploadExternal', 'invalid_channel');
      const channels = channelArg ? channelArg.split(',').map((c) => c.trim()) : [];
      const resolved = channels.map((c) => {
        const channel = resolveChannel(ctx, c);
        if (!channel) throw slackError('files.completeUploadExternal', 'channel_not_found');
        if (!channel.is_member) throw slackError('files.completeUploadExternal', 'not_in_channel');
        return channel;
      });
      for (const { file, title } of files) {
        if (title) file.title = title;
        file.completed = true;
      }
      const threadArg = optString(args, 'thread_ts');
      for (const channel of resolved) {
        const parent = threadArg ? findMessage(ctx.store, channel.id, threadArg) : undefined;
        const threadTs = threadArg ? (parent?.thread_ts ?? threadArg) : undefined;
        const message: StoredMessage = {
          channel: channel.id,
          ts: ctx.ids.ts(),
          user: BOT_USER_ID,
          bot_id: BOT_ID,
          app_id: APP_ID,
          text: optString(args, 'initial_comment') ?? '',
          files: files.map(({ file }) => fileRef(file)),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        };
        insertMessage(ctx.store, message);
        for (const { file } of files) {
          file.channel = channel.id;
          file.message_ts = message.ts;
          if (threadTs) file.thread_ts = threadTs;
        }
        ctx.activity.emit({ kind: 'message', channel: channel.id, ts: message.ts });
      }
      return {
        files: files.map(({ file }) => ({ ...fileRef(file), created: file.created, user: file.user })),
      };
    },
  },
};

/** The upload_url handed out by files.getUploadURLExternal: stores the bytes (multipart part or raw body). */
export async function receiveUpload(
  ctx: SimContext,
  fileId: string,
  contentType: string,
  raw: Buffer,
): Promise<{ status: number; body: string }> {
  const file = ctx.store.files.get(fileId);
  if (!file || file.completed) return { status: 404, body: 'file_not_found' };
  let bytes = raw;
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const part = form.get('body') ?? form.get('file') ?? [...form.values()][0];
    if (part === undefined) return { status: 400, body: 'no_file_data' };
    bytes = typeof part === 'string' ? Buffer.from(part) : Buffer.from(await part.arrayBuffer());
  }
  file.bytes = bytes;
  file.size = bytes.length;
  return { status: 200, body: `OK - ${bytes.length}` };
}
