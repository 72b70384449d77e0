import { defineContentScript } from 'wxt/utils/define-content-script';
import { toBackground } from '@/utils/messaging';
import { loadSettings, watchSettings } from '@/utils/settings';
import { createSession } from '@/utils/live/session';
import { mountPageUi } from '@/utils/live/page-ui';
import { setPageApi, takeLoaderHandoff, type PageApi } from '@/utils/page-api';
import { perfMark } from '@/utils/perf';

/**
 * The full page script: Readability, painting, highlights and their UI. Not in the manifest: the loader
 * (entrypoints/loader.ts) has the background inject it only on articles, pages with highlights, or when asked.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  // WXT's window.postMessage to stop older copies of this script reaches the page's own message listeners;
  // its document event does the same job unseen.
  noScriptStartedPostMessage: true,
  main(ctx) {
    perfMark('page-start');
    let resolve!: (api: PageApi) => void;
    setPageApi(new Promise<PageApi>((r) => { resolve = r; }));
    void (async () => {
      const handoff = takeLoaderHandoff();
      const settings = handoff?.settings ?? (await loadSettings());
      perfMark('page-settings');
      const ui = mountPageUi(document, {
        onToggle: (k) => session.toggleKind(k),
        onDismiss: () => session.dismissLegend(),
      });
      const session = createSession({
        win: window,
        settings,
        earlyExtraction: handoff?.extraction,
        ui,
        api: {
          analyze: (input) => toBackground.sendMessage('analyze', input),
          listAnnotations: (pageUrl) => toBackground.sendMessage('listAnnotations', { pageUrl }),
          saveAnnotation: (a) => toBackground.sendMessage('saveAnnotation', a),
          deleteAnnotation: (id) => toBackground.sendMessage('deleteAnnotation', { id }),
          extractHtml: (page) => toBackground.sendMessage('extractHtml', page),
        },
        log: (m) => console.debug('[clipmark]', m),
      });
      ui.attach(session);
      ctx.onInvalidated(() => { session.stop(); ui.destroy(); });
      ctx.onInvalidated(watchSettings((next) => void session.applySettings(next)));
      // Single-page sites change the URL without a reload (WXT watches location for this event).
      ctx.addEventListener(window, 'wxt:locationchange', () => void session.navigated());
      // An article container replaced wholesale sends no mutation to its own observer: look now and then.
      ctx.setInterval(() => session.checkDetached(), 2000);
      resolve({
        extract: (force) => session.extract(force),
        status: () => session.status(),
        paintNow: () => session.paintNow(),
        navigated: () => session.navigated(),
        selectionMade: () => ui.selectionMade(),
        highlightSelection: () => ui.highlightSelection(),
      });
      // The loader has already found the page readerable: the session need not check again.
      await session.start(handoff?.readerable ?? false);
    })();
  },
});
