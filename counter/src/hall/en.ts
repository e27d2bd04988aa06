import type { HallCatalogue } from './vi';

export const en: HallCatalogue = {
  title: 'Hall — live',
  forbidden: 'This page is for supervisors and administrators.',
  offline: 'Connection to the server lost — figures may be stale. Reconnecting…',
  loading: 'Loading…',
  today: {
    heading: 'Today',
    issued: 'Issued',
    served: 'Served',
    noShows: 'No-shows',
    meanWait: 'Mean wait',
    p90Wait: '90% waited at most',
    satisfaction: 'Satisfied',
    directCalls: 'Direct calls',
    minutes: (m) => (m === null ? '—' : `${m} min`),
    percent: (p, n) => (p === null ? '—' : `${p}% (${n})`),
  },
  alerts: {
    heading: (n) => (n === 0 ? 'No alerts' : `Alerts (${n})`),
    none: 'Everything in the hall is within target.',
    acknowledge: 'Seen',
    acknowledgedBy: (name, at) => `Acknowledged: ${name}, ${at}`,
    since: (at) => `since ${at}`,
    text: (kind, d) => {
      switch (kind) {
        case 'wait-over-target':
          return `Ticket ${d.number} (${d.fieldName}) has waited ${d.minutes} min, over the ${d.target} min target`;
        case 'field-unserved':
          return `${d.waiting} waiting for ${d.fieldName} and no open counter serves it`;
        case 'counter-paused':
          return `Counter ${d.counterNumber} paused for ${d.minutes} min${d.reason ? ` (${d.reason})` : ''} while ${d.waiting} wait`;
        case 'service-over-target':
          return `Counter ${d.counterNumber} has served ${d.number} for ${d.minutes} min, over the ${d.target} min target`;
        default:
          return kind;
      }
    },
  },
  fields: {
    heading: 'Queues by field',
    waiting: 'waiting',
    longest: (m) => `Longest ${m} min`,
    target: (w, s) => `Target: wait ${w}′, service ${s}′`,
    overTarget: (n) => `${n} over target`,
    counters: (n) => (n === 0 ? 'No counter open' : `${n} counter(s) open`),
    overCapacity: (max) => `Over ${max} people`,
    trend: 'Trend, 60 min',
    trendLabel: (values) => `Waiting 60, 45, 30, 15 minutes ago and now: ${values.join(', ')}`,
  },
  counters: {
    heading: 'Counters',
    status: { open: 'Open', paused: 'Paused', closed: 'Closed' },
    noClerk: 'No clerk',
    serving: (n, m) => `Serving ${n} · ${m} min`,
    idle: 'Ready to call',
    paused: (reason, m) => `${reason ?? 'Paused'}${m === null ? '' : ` · ${m} min`}`,
  },
  overTarget: {
    heading: 'Waiting over target',
    none: 'Nobody is waiting over target.',
    item: (n, m) => `${n} · ${m} min`,
  },
  atRisk: {
    heading: 'Dossiers needing a Form 04 apology today',
    none: 'No dossier needs an apology letter today.',
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    due: (d) => `Due ${d}`,
  },
};
