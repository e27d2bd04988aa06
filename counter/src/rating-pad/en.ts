import type { PadCatalogue } from './vi';

/** Rating pad texts, English. */
export const en: PadCatalogue = {
  unpaired: 'This device is not paired. Open the page with the pairing link from the administrator.',
  idleTitle: 'Rate our service',
  counter: (name) => name.replace(/^Quầy/, 'Counter'),
  clerk: (name) => `Clerk: ${name}`,
  noClerk: 'No clerk at this counter yet',
  idleHint: 'After your visit, please rate our service on this screen.',
  forTicket: (n) => `Ticket ${n}`,
  question: 'Are you satisfied with our service?',
  scores: { 4: 'Very satisfied', 3: 'Satisfied', 2: 'Neutral', 1: 'Not satisfied' },
  reasonQuestion: 'Could you tell us why? (optional)',
  reasons: {
    attitude: 'Staff attitude',
    long_wait: 'Long wait',
    unclear_guidance: 'Unclear guidance',
    late_result: 'Late result',
    other: 'Other',
  },
  send: 'Send',
  skip: 'Skip',
  thanks: 'Thank you!',
  thanksSub: 'Your opinion helps us serve you better.',
  secondsLeft: (s) => `Closes in ${s} s`,
  offline: 'Connection lost — reconnecting…',
  language: 'Tiếng Việt',
};
