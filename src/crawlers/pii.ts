// Personal data in sampled column values (beyond Glue, whose crawlers do not look). A column is
// tagged with the kind most of its values match — at least 80 %, as Glue's PIIDetection
// ThresholdFraction would put it — in its Parameters: `sluice.pii` (the kind) and `sluice.pii.share`.
import { isIP } from 'node:net';

export const PII_KIND = 'sluice.pii';
export const PII_SHARE = 'sluice.pii.share';
const THRESHOLD = 0.8;
const MIN_VALUES = 2;

const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;
const NINO = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i;
const PHONE_INTL = /^\+\d[\d\s().-]{6,20}$/;
const PHONE_NANP = /^(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$/;
const PHONE_NATIONAL = /^0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const digitsOf = (v: string) => v.replace(/\D/g, '');

const DETECTORS: [string, (v: string) => boolean][] = [
  ['EMAIL', (v) => EMAIL.test(v)],
  ['CREDIT_CARD', (v) => /^[\d -]{13,23}$/.test(v) && digitsOf(v).length >= 13 && digitsOf(v).length <= 19 && luhn(digitsOf(v))],
  ['NATIONAL_ID', (v) => SSN.test(v) || NINO.test(v)],
  ['IP_ADDRESS', (v) => isIP(v) !== 0],
  [
    'PHONE_NUMBER',
    (v) => {
      const n = digitsOf(v).length;
      return n >= 7 && n <= 15 && (PHONE_INTL.test(v) || PHONE_NANP.test(v) || PHONE_NATIONAL.test(v));
    },
  ],
];

export interface PiiTag {
  kind: string;
  share: number;
}

export function detectPii(values: string[] | undefined): PiiTag | undefined {
  const present = (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
  if (present.length < MIN_VALUES) return undefined;
  let best: PiiTag | undefined;
  for (const [kind, test] of DETECTORS) {
    const share = present.filter(test).length / present.length;
    if (share >= THRESHOLD && share > (best?.share ?? 0)) best = { kind, share };
  }
  return best;
}

export function piiParameters(tag: PiiTag | undefined): Record<string, string> | undefined {
  return tag ? { [PII_KIND]: tag.kind, [PII_SHARE]: tag.share.toFixed(2) } : undefined;
}
