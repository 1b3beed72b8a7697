// "Did you mean …?" for a mistyped name: a sluice.yaml key, a job argument, a DQDL keyword.
import { closest, distance } from 'fastest-levenshtein';

/** The candidate nearest to name (ignoring case), when near enough to be a likely typo of it. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (!list.length) return undefined;
  const lower = name.toLowerCase();
  const best =
    list[
      list
        .map((c) => c.toLowerCase())
        .indexOf(
          closest(
            lower,
            list.map((c) => c.toLowerCase()),
          ),
        )
    ];
  return distance(lower, best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
