import { defineContentScript } from 'wxt/utils/define-content-script';
import { toBackground } from '@/utils/messaging';
import { loadSettings, watchSettings } from '@/utils/settings';
import { createSession } from '@/utils/live/session';
import { mountPageUi } from '@/utils/live/page-ui';
import { setPageApi, type PageApi } from '@/utils/page-api';

/**
 * The full page script: Readability, painting, highlights and their UI. Not in the manifest: the loader
 * (entrypoints/content) has the background inject it only on articles, pages with highlights, or when asked.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  main(ctx) {
    let resolve!: (api: PageApi) => void;
    setPageApi(new Promise<PageApi>((r) => { resolve = r; }));
    void (async () => {
      const settings = await loadSettings();
      const ui = mountPageUi(document, {
        onToggle: (k) => session.toggleKind(k),
        onDismiss: () => session.dismissLegend(),
      });
      const session = createSession({
        win: window,
        settings,
        ui,
        api: {
          analyze: (input) => toBackground.sendMessage('analyze', input),
          listAnnotations: (pageUrl) => toBackground.sendMessage('listAnnotations', { pageUrl }),
          saveAnnotation: (a) => toBackground.sendMessage('saveAnnotation', a),
          deleteAnnotation: (id) => toBackground.sendMessage('deleteAnnotation', { id }),
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
      });
      await session.start();
    })();
  },
});
