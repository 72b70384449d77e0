import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { DB_NAME } from '@/utils/db-name';
import { RECENT_LIMIT, startEarlyRecent } from '@/utils/early-recent';
import { earlyRecentList } from '@/components/EarlyRecentList';
import { openReader } from '@/utils/open-reader';

/**
 * Loaded as a classic script at the top of popup.html: starts reading the recent list at once and shows it in the
 * page's static shell while the popup's modules are still loading (utils/early-recent.ts).
 */
export default defineUnlistedScript(() => {
  startEarlyRecent(indexedDB, DB_NAME, RECENT_LIMIT, earlyRecentList(document, openReader));
});
