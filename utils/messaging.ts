import { defineExtensionMessaging } from '@webext-core/messaging';
import type { BackgroundProtocol } from '@/utils/protocol';

/**
 * The typed channel to the background. The background reaches a tab's loader the other way, by running a function
 * in its isolated world (utils/loader-bridge.ts): a message listener would cost every page the API's set-up.
 */
export const toBackground = defineExtensionMessaging<BackgroundProtocol>();
