/** The database's name, in a module of its own so that code without Dexie (popup-early.js) can open it. */
export const DB_NAME = 'clipmark';
