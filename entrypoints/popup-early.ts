import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { DB_NAME } from '@/utils/db-name';
import { RECENT_LIMIT, startEarlyRecent } from '@/utils/early-recent';
import { earlyRecentList } from '@/components/EarlyRecentList';
import { openReader } from '@/utils/open-reader';
import { versionOf } from '@/utils/recent-mirror';
import { readServed } from '@/utils/served-popup';

/**
 * Loaded as a classic script after popup.html's static shell. Where the background served the page with its recent
 * list (utils/served-popup.ts), wires that list's clicks; otherwise shows the list from its copy in localStorage
 * where the popup's address says that copy is current (utils/recent-mirror.ts), or starts reading it from the
 * database at once, and shows it in the shell while the popup's modules are still loading (utils/early-recent.ts).
 */
export default defineUnlistedScript(() => {
  const version = versionOf(location.href);
  startEarlyRecent(indexedDB, DB_NAME, RECENT_LIMIT, earlyRecentList(document, openReader), { storage: localStorage, version, served: readServed(document, version) });
});
