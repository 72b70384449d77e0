import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { toBackground } from '@/utils/messaging';
import { startLoader } from '@/utils/live/loader';
import { perfMark } from '@/utils/perf';

/**
 * The always-injected loader (declared in wxt.config.ts's manifest, at document_end, on web pages). A plain script,
 * not a WXT content script: WXT's wrapper reads the extension's runtime id as it starts, and that first touch of an
 * extension API costs every page about 3 ms. This one touches none until a page needs Clipmark (utils/live/loader.ts).
 */
export default defineUnlistedScript(() => {
  perfMark('loader-start');
  startLoader(window, {
    connect: () => ({
      pageStart: (d) => toBackground.sendMessage('pageStart', d),
      injectPage: () => toBackground.sendMessage('injectPage', {}),
      extractHtml: (d) => toBackground.sendMessage('extractHtml', d),
    }),
  });
});
