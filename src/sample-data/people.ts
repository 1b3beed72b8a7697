// Customer identities shared by every data set: which IDs exist and each customer's email. Both are
// computed from the index, never stored, so orders can reference millions of customers in O(1) memory.
import { Rng, hash32 } from './prng.js';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from './vocab.js';

export class CustomerIds {
  private readonly modulus: number;
  private readonly step: number;
  private readonly offset: number;
  private readonly salt: number;

  /**
   * IDs are a scrambled subset of [0, 5 × count), like the Kaggle set's 2,240 IDs spread over
   * 0–11191: index i maps to (step × i + offset) mod modulus, a bijection because step is coprime
   * with modulus.
   */
  constructor(
    seed: number | string,
    readonly count: number,
  ) {
    const rng = new Rng(seed, 'customer-ids');
    this.modulus = 5 * count;
    let step = Math.floor(this.modulus * 0.618) | 1;
    while (gcd(step, this.modulus) !== 1) step += 2;
    this.step = step;
    this.offset = rng.int(0, this.modulus - 1);
    this.salt = rng.nextU32();
  }

  idAt(index: number): number {
    return (this.step * index + this.offset) % this.modulus;
  }

  randomId(rng: Rng): number {
    return this.idAt(Math.floor(rng.next() * this.count));
  }

  /** A stable, valid address for the customer: the same ID always gets the same email. */
  emailFor(id: number): string {
    const h = hash32(id ^ this.salt);
    const first = FIRST_NAMES[h % FIRST_NAMES.length];
    const last = LAST_NAMES[(h >>> 8) % LAST_NAMES.length];
    const domain = EMAIL_DOMAINS[(h >>> 16) % EMAIL_DOMAINS.length];
    const sep = (h >>> 24) % 3 === 0 ? '_' : '.';
    return `${first}${sep}${last}${id}@${domain}`;
  }
}

/** Ways real pipelines receive broken addresses; every one fails EMAIL_PATTERN. */
export function corruptEmail(email: string, rng: Rng): string {
  const [local, domain] = email.split('@');
  switch (rng.int(0, 4)) {
    case 0:
      return `${local}.${domain}`; // '@' lost
    case 1:
      return `${local}@@${domain}`;
    case 2:
      return `${local.replace(/[._]/, ' ')}@${domain}`; // typed with a space
    case 3:
      return `${local}@${domain.split('.')[0]}`; // no top-level domain
    default:
      return `${local}@`;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
