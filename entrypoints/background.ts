import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import { applyCountQueue, openDb } from '@/utils/db';
import { fillHeads } from '@/utils/search-heads';
import { toBackground } from '@/utils/messaging';
import { checkMessage, RefusedMessage } from '@/utils/message-guard';
import { schemas, type BackgroundProtocol, type MessageName } from '@/utils/protocol';
import { createSaveService } from '@/utils/save-service';
import { createBrowserPort, toolbarAction } from '@/utils/browser-port';
import { analyzeForPage, createAnalyzer, referenceDate, toStored } from '@/utils/analysis';
import { paintAnalysisInput, referenceGuessed } from '@/utils/analysis-input';
import { loadModelFromExtension } from '@/utils/ner/load-browser';
import { createIndexQueue, markForIndex, unindex } from '@/utils/index-queue';
import { importBackup, parseBackup } from '@/utils/import';
import { createRemoteExtractor, readLinkedPage } from '@/utils/remote-extract';
import { announceSave } from '@/utils/save-notice';
import { keepImages } from '@/utils/media';
import { MENU_ITEMS, menuClicked, type MenuClick } from '@/utils/menus';
import type { SaveOutcome } from '@/utils/protocol';
import { backgroundExtractorDeps } from '@/utils/offscreen-port';
import { answerPageStart } from '@/utils/page-start';
import { cachedSettings } from '@/utils/settings';
import { DB_NAME } from '@/utils/db-name';
import { clippingsCommitted, keepPopupVersion, type PopupAction } from '@/utils/popup-version';
import { createPopupServer, isServiceWorker, servePopupFrom } from '@/utils/popup-serve';
import { recentCards } from '@/utils/archive';
import { RECENT_LIMIT } from '@/utils/early-recent';
import { recentListMarkup } from '@/components/EarlyRecentList';

/** Thin: opens the db, registers the message handlers (synchronously), menus and the shortcut. */
export default defineBackground(() => {
  const db = openDb();
  const port = createBrowserPort();
  const analyzer = createAnalyzer(loadModelFromExtension);
  const log = (m: string) => console.warn('[clipmark]', m);
  const settings = cachedSettings();
  // Search postings are written after the reply; what a stopped worker left undone is done on start.
  const index = createIndexQueue(db, { log });
  const extractRemotely = createRemoteExtractor({ ...backgroundExtractorDeps(), log });
  const service = createSaveService({
    db, browser: port, log,
    readLink: (url) => readLinkedPage(url, extractRemotely),
    afterSave: (d, c) => markForIndex(d, c.id),
    afterCommit: (id) => void index.schedule(id),
    beforeDelete: unindex,
    // the article's images, kept for the reader page (offline, and without asking the site again)
    afterArticleSaved: (id) => void keepImages(db, id).catch((e) => log(`images: ${String(e)}`)),
    analyze: (a, savedAt) => analyzer.analyze(a.title, a.text, referenceDate(a.publishedTime, savedAt), a.emphasis, referenceGuessed(a.publishedTime), a.lang).then(toStored),
  });

  type Handler<K extends MessageName> = (
    data: Parameters<BackgroundProtocol[K]>[0],
    sender: Browser.runtime.MessageSender,
    from: 'content' | 'page',
  ) => Promise<ReturnType<BackgroundProtocol[K]>>;

  function handle<K extends MessageName>(name: K, fn: Handler<K>) {
    toBackground.onMessage(name, (async (msg: { data: unknown; sender: Browser.runtime.MessageSender }) => {
      try {
        const { from, data } = checkMessage(name, msg.data, msg.sender, browser.runtime.id, browser.runtime.getURL('/'));
        return await fn(data as Parameters<BackgroundProtocol[K]>[0], msg.sender, from);
      } catch (e) {
        if (e instanceof RefusedMessage) console.warn('[clipmark]', e.message, 'from', msg.sender?.url);
        throw e;
      }
    }) as never);
  }

  // The typed handlers ignore a message of no known type (the sender would wait for a reply that never comes):
  // refuse it and log it like any other refusal.
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
    const type = (msg as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && Object.hasOwn(schemas, type)) return undefined;
    const what = typeof type === 'string' ? JSON.stringify(type.slice(0, 60)) : `(${msg === null ? 'null' : typeof msg})`;
    const message = `Refused: unknown message ${what}.`;
    console.warn('[clipmark]', message, 'from', sender.url);
    sendResponse({ err: { name: 'RefusedMessage', message, stack: '' } });
    return undefined;
  });

  handle('saveTab', (d) => service.saveTab(d.tabId));
  handle('tabStatus', (d) => service.tabStatus(d.tabId));
  handle('saveAnnotation', (d, s, from) => service.saveAnnotation(d, s, from));
  handle('deleteAnnotation', (d, s, from) => service.deleteAnnotation(d.id, s, from));
  handle('listAnnotations', (d, s, from) => service.listAnnotations(d.pageUrl, s, from));
  handle('deleteClipping', (d) => service.removeClipping(d.id));
  handle('undoDelete', (d) => service.undoDelete(d.token));
  handle('analyze', (d) => analyzeForPage(analyzer, db, d));
  handle('extractHtml', async (d) => {
    const r = await extractRemotely(d);
    // The page asks next for the entities of what it gets back: start on them once the reply has gone.
    if (r?.ok) {
      const input = paintAnalysisInput(r.article, Date.now());
      setTimeout(() => void analyzer.analyze(input.title, input.text, input.reference, input.emphasis, input.guessed, input.lang).catch(() => {}), 0);
    }
    return r;
  });
  handle('importBackup', (d) => importBackup(db, parseBackup(d.json)));
  handle('injectPage', (_d, sender) => port.injectPageScript(sender.tab!.id!, sender.frameId ?? 0));
  handle('pageStart', (d, sender, from) => answerPageStart(
    { readSettings: settings, countHighlights: (pageUrl) => service.listAnnotations(pageUrl, sender, from).then((l) => l.length) },
    d, sender.url ?? sender.tab?.url ?? '',
  ));

  // The popup's recent list may be shown from a copy, or in the page served from here, only under the version its
  // address carries: a new one after every committed write to the clippings (utils/recent-mirror.ts, popup-serve.ts).
  // Chromium: the page for the current version is made 1 s after the worker starts, at once after a write.
  const popupPage = isServiceWorker(self) ? createPopupServer({
    template: () => fetch(browser.runtime.getURL('/popup.html')).then((r) => r.text()),
    cards: () => recentCards(db, RECENT_LIMIT),
    listMarkup: recentListMarkup,
    log,
  }, 1_000) : undefined;
  if (popupPage) servePopupFrom(self, popupPage, log);
  keepPopupVersion(toolbarAction() as unknown as PopupAction, clippingsCommitted(DB_NAME), log, popupPage);

  void index.drain().catch((e) => log(`search indexing: ${String(e)}`));
  // entity counts that a stopped worker queued and did not apply
  void applyCountQueue(db).catch((e) => log(`entity counts: ${String(e)}`));
  // a database made before head postings gets them, a 2-letter prefix at a time, resumed at each start until done
  void fillHeads(db, () => new Promise((r) => setTimeout(r, 20))).catch((e) => log(`search head postings: ${String(e)}`));

  // Saves made without the popup tell their outcome on the page (utils/save-notice.ts).
  const announce = (tabId: number | undefined, outcome: SaveOutcome) => announceSave(port, tabId, outcome);
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() => {
      for (const item of MENU_ITEMS) browser.contextMenus.create({ id: item.id, title: item.title, contexts: [...item.contexts] });
    });
  });
  const onMenu = (info: MenuClick, tabId: number | undefined) => menuClicked(info, tabId, {
    saveTab: (id) => service.saveTab(id), saveLink: service.saveLink,
    highlightSelection: port.highlightSelection, announce,
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenu(info, tab?.id).catch((e) => log(`context menu: ${String(e)}`)));
  // The end-to-end tests cannot open the browser's own menu: they call the same handler, from inside this worker
  // (only code running here can reach its global object).
  (globalThis as Record<string, unknown>).clipmarkMenuClicked = onMenu;
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'save-page') return;
    void service.saveTab(tab?.id).then(async (outcome) => announce(tab?.id ?? (await port.targetTab())?.id, outcome))
      .catch((e) => log(`shortcut: ${String(e)}`));
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void port.refreshSavedBadge(db, tabId, service);
    // The loader does not watch the address itself (it would cost every page): a single-page site's navigation is
    // seen here, as an address change (Chromium reports pushState as 'loading' with the new URL). The loader ignores
    // a call where its page's address has not changed, so a new document starting to load is left to 'complete'.
    const loadHighlights = () => void port.loadHighlights(db, tabId, service, settings).catch((e) => log(`highlights: ${String(e)}`));
    if (change.url) void port.pageNavigated(tabId).then((r) => { if (r === false) loadHighlights(); });
    if (change.status === 'complete') loadHighlights();
  });
});
