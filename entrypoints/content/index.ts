import { isProbablyReaderable } from '@mozilla/readability';
import { extractArticle } from '@/utils/extract';
import { toContent } from '@/utils/messaging';
import { canonicalUrlOf } from '@/utils/url';

/** Thin: answers the background's questions about this page. Nothing runs until asked. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    toContent.onMessage('extract', ({ data }) => extractArticle(document, { url: location.href, force: data.force }));
    toContent.onMessage('pageInfo', () => ({
      url: location.href,
      canonicalUrl: canonicalUrlOf(document, location.href),
      title: document.title,
      readerable: isProbablyReaderable(document),
    }));
  },
});
