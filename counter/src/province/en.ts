/** The province page's catalogue, English. */
import type { ProvinceCatalogue } from './vi';

export const en: ProvinceCatalogue = {
  title: 'Province administration',
  intro:
    "The province's offices on this system: their addresses, who is waiting now, and each office's figures with the province's.",
  notHome: "The province page opens only at the home office's address.",
  openAtHome: 'Open the province page',
  offices: {
    title: 'Offices',
    name: 'Office',
    code: 'Code',
    address: 'Address',
    counterLink: 'Counter',
    kioskLink: 'Kiosk',
    waiting: 'Waiting',
    owner: 'Serving process',
    moving: 'moving',
    unknown: 'unknown',
    unknownHint: 'The process holding this office did not answer',
    home: 'home office',
    updated: (time: string) => `Updated at ${time}, refreshed every 10 seconds`,
    loading: 'Loading the offices…',
  },
  add: {
    title: 'Add an office',
    name: 'Office name',
    namePlaceholder: 'e.g. UBND xã An Bình',
    code: 'Office code',
    codeHint:
      'Lower-case letters without accents, digits, hyphens — e.g. xa-an-binh. Part of the address; it cannot change later.',
    useCode: (code: string) => `Use ${code}`,
    seed: 'Initial data',
    seedNone: 'An empty office with its own administrator account',
    seedDemo: 'Demo data (fields, counters, demo accounts) to try it out',
    submit: 'Add office',
    busy: 'Creating the office…',
    created: (name: string) => `${name} added.`,
    address: 'Address',
    username: 'Administrator username',
    password: 'Initial password',
    once: (adminPath: string) =>
      `Write this password down: it is shown only once; it must be changed at the first sign-in at ${adminPath}`,
    demoAccounts: (path: string) =>
      'The office has the demo data: sign in with the demo accounts at ' +
      path +
      ', and change their passwords before real use.',
    dismiss: 'Written down, close',
  },
  figures: {
    title: "The province's figures",
    from: 'From',
    to: 'To',
    show: 'Show figures',
    range: (from: string, to: string) => `From ${from} to ${to}`,
    loading: "Computing the offices' figures…",
    queue: 'Queue tickets and service',
    office: 'Office',
    issued: 'Tickets issued',
    served: 'Served',
    noShow: 'No-shows',
    waiting: 'Mean wait',
    service: 'Mean service',
    satisfied: 'Satisfied',
    satisfiedHint: '% satisfied or very satisfied of all answers',
    answers: (n: string) => `${n} answers`,
    minutes: (m: string) => `${m} min`,
    province: 'Whole province',
    meansNote:
      "Counts are added up; the province's mean times are weighted by each office's count (medians do not add up, so none is given).",
    index766: 'Service index of Decision 766/QĐ-TTg',
    index766Intro:
      "Each indicator group's score from each office's data (the ratio under it); the province row is computed over the offices' dossiers added up.",
  },
  none: '—',
};
