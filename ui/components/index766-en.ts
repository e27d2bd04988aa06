/** The words of Decision 766/QĐ-TTg's tables, English. */
import type { Index766Catalogue } from './index766-vi';

export const en: Index766Catalogue = {
  group: 'Indicator group',
  score: 'Score',
  ratio: 'Ratio',
  basis: 'Numerator / denominator',
  outOf: (s: string, max: string) => `${s} / ${max}`,
  max: (max: string) => `out of ${max}`,
  notComputable: "Needs the national portal's data",
  notComputableGroups: (names: string) => `Needs the national portal's data, not computed here: ${names}.`,
  names: {
    transparency: 'Openness and transparency',
    progress: 'Timeliness of handling',
    online: 'Online public services — share of dossiers filed online',
    online_payment: 'Online payment',
    satisfaction_reception: 'Satisfaction with reception and handling',
    satisfaction_petitions: 'Satisfaction — feedback and petitions',
    digitisation: 'Digitisation of dossiers',
  },
  parts: {
    results: 'Results issued electronically',
    documents: 'Documents digitised at reception',
    reuse: 'Documents reused from digitised data',
  },
  none: '—',
};
