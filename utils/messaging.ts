import { defineExtensionMessaging } from '@webext-core/messaging';
import type { BackgroundProtocol, ContentProtocol } from '@/utils/protocol';

/** Typed channels, one per direction: to the background, and to a tab's content script. */
export const toBackground = defineExtensionMessaging<BackgroundProtocol>();
export const toContent = defineExtensionMessaging<ContentProtocol>();
