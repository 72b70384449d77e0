import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { DB_NAME } from '@/utils/db-name';
import { RECENT_LIMIT, startEarlyRecent } from '@/utils/early-recent';

/** Loaded as a classic script at the top of popup.html: starts reading the recent list at once (utils/early-recent.ts). */
export default defineUnlistedScript(() => {
  startEarlyRecent(indexedDB, DB_NAME, RECENT_LIMIT);
});
