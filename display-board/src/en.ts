import type { BoardCatalogue } from './vi';

/** English text of the hall board (the switch: localStorage motcua.lang = "en"). */
export const en: BoardCatalogue = {
  pageTitle: 'Waiting hall board',
  nowCalling: 'Now calling',
  toCounter: 'to counter',
  counter: 'Counter',
  counterShort: 'Counter',
  recall: 'Recall',
  noCallYet: 'No number called yet',
  counters: 'Counters',
  recentCalls: 'Just called',
  waiting: 'Waiting',
  readyDossiers: 'Results ready, collect at the counter',
  people: 'people',
  status: { open: 'Ready', paused: 'Paused', closed: 'Closed' },
  offline: 'Connection lost — reconnecting…',
  enableSound: 'Turn on sound',
  enableSoundHint: 'Tap once so the board can read numbers aloud',
  notPaired: 'This board is not paired',
  notPairedHint: 'Open this page once with its pairing link: /display-board/?key=<device key>',
  badKey: 'The device key is invalid or revoked. Pair the board again.',
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
