import { allowedSenders, schemas, type MessageName, type Sender } from '@/utils/protocol';

/** The background's gate: who sent a message, and whether it may send it in that shape. */

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

export class RefusedMessage extends Error {
  override name = 'RefusedMessage';
}

/**
 * Classifies a runtime.MessageSender: an extension page of ours (popup, reader, options), a content script
 * of ours in a web page, or nothing we talk to.
 */
export function classifySender(sender: SenderInfo | undefined, extensionId: string, extensionOrigin: string): Sender | null {
  if (!sender || sender.id !== extensionId) return null;
  const from = sender.url ?? sender.origin ?? '';
  if (from.startsWith(extensionOrigin)) return 'page';
  if (sender.tab && /^(https?|file):/.test(from)) return 'content';
  return null;
}

export function checkMessage<K extends MessageName>(
  name: K,
  data: unknown,
  sender: SenderInfo | undefined,
  extensionId: string,
  extensionOrigin: string,
): { from: Sender; data: ReturnType<(typeof schemas)[K]['parse']> } {
  const from = classifySender(sender, extensionId, extensionOrigin);
  if (!from) throw new RefusedMessage(`Refused "${name}": it did not come from Clipmark itself.`);
  if (!allowedSenders[name].includes(from)) {
    throw new RefusedMessage(`Refused "${name}": ${from === 'content' ? 'a web page' : 'an extension page'} may not send it.`);
  }
  const parsed = schemas[name].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new RefusedMessage(`Refused "${name}": malformed message${where} (${issue?.message ?? 'invalid'}).`);
  }
  return { from, data: parsed.data as ReturnType<(typeof schemas)[K]['parse']> };
}
