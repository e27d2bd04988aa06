/** The phone ticket page's texts, English. */
import type { PhoneTexts } from './phone-vi';

export const phoneEn: PhoneTexts = {
  ticketTitle: 'Queue ticket',
  ticketNotFound: 'This ticket was not found. Tickets are valid for one day only.',
  called: (counter) => `Your turn — please go to counter ${counter}`,
  finishedTitle: 'Your visit is complete. Thank you!',
  skippedTitle: 'Your number was called but you were not there. Please go to the counter to be called again.',
  rateQuestion: 'Were you satisfied with our service?',
  rates: ['Not satisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  rated: 'Thank you for your rating!',
  rateFailed: 'Could not send your rating. Please try again.',
  updatedLive: 'This page updates by itself.',
};
