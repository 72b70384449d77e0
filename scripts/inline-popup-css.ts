import type { Plugin } from 'vite';

/**
 * Puts the popup's stylesheet into popup.html as a <style> element (build only). A stylesheet link blocks the
 * page's first paint until the browser has fetched it, and an extension page's resource takes 40-90 ms to arrive
 * on these machines: the popup's static shell (entrypoints/popup/index.html) is painted without waiting for it.
 * The extension's policy limits scripts only (wxt.config.ts), so inline styles are allowed. The stylesheet file
 * stays in the build: the options and reader pages link the same one.
 */
export function inlinePopupCss(): Plugin {
  return {
    name: 'clipmark:inline-popup-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.path.endsWith('popup/index.html') && !ctx.filename.endsWith('popup/index.html')) return html;
        return html.replace(/<link rel="stylesheet"(?: crossorigin)? href="\/?([^"]+\.css)">/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          if (!asset || asset.type !== 'asset') return tag;
          return `<style>${String(asset.source).replace(/<\/style/gi, '<\\/style')}</style>`;
        });
      },
    },
  };
}
