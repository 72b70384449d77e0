import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { inlinePopupCss } from './scripts/inline-popup-css';

// Chrome MV3 is the main target; `wxt build -b firefox` gives the Firefox build.
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  // Our own modules are imported explicitly (style.md); only WXT's APIs are auto-imported.
  imports: false,
  vite: () => ({
    plugins: [preact(), inlinePopupCss()],
    // CLIPMARK_NO_MINIFY=1: readable function names in CPU profiles (bench/popup-profile.ts).
    build: { sourcemap: false, minify: process.env.CLIPMARK_NO_MINIFY ? false : undefined },
  }),
  manifest: ({ browser }) => ({
    name: 'Clipmark',
    description: 'Read, annotate and keep the news: entities, highlights and a searchable archive, all in your browser.',
    // Each permission is explained in the README ("Permissions").
    // Chrome only: 'offscreen' reads articles off the page's main thread (Firefox's background page has a DOM).
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // The content script reads every web page the reader opens (entities are painted on articles automatically);
    // the same hosts let the background see which page a tab shows, to save it and badge it.
    host_permissions: ['http://*/*', 'https://*/*'],
    // The loader (entrypoints/loader.ts), a plain script: see there why it is not a WXT content script.
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['loader.js'], run_at: 'document_end' }],
    action: { default_title: 'Clipmark', default_popup: 'popup.html' },
    commands: {
      'save-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the current article to Clipmark',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'clipmark@clipmark.example', strict_min_version: '128.0' } } }
      : {}),
  }),
});
