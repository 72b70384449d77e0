import { browser } from 'wxt/browser';
import { extractFromHtml, fromBackground, isOffscreenRequest } from '@/utils/extract-html';

/**
 * Chrome's offscreen document (reason DOM_PARSER): reads pages' HTML with Readability so the pages' own main
 * threads need not. It answers one message, and only from the background: content scripts' messages reach every
 * extension document too, and are left to the background.
 */
const origin = browser.runtime.getURL('/');
browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
  if (!isOffscreenRequest(msg)) return undefined;
  if (!fromBackground(sender, browser.runtime.id, origin)) return undefined;
  sendResponse(extractFromHtml(msg.page, window));
  return undefined;
});
