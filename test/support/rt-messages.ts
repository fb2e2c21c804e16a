/**
 * RT's error sentences without the Perl source location that `die` appends to them
 * ("Unknown field: Foo at /usr/share/request-tracker5/lib/RT/Tickets.pm line 3208.\n"):
 * the file and line move with every build of Debian's request-tracker5 (3187, then 3208
 * in 5.0.3+dfsg-3~deb12u7), and the adapter reads only the status and the sentence
 * itself (src/backends/rt/rt-backend.ts, `rtError`). Tests compare what is left.
 */
const PERL_LOCATION = / at \S+\.p[ml] line \d+\./g;

/** The value with every Perl source location in its strings, at any depth, replaced by ` at (RT source).`. */
export function withoutPerlLocation<T>(value: T): T {
  if (typeof value === 'string') return value.replace(PERL_LOCATION, ' at (RT source).') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutPerlLocation(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutPerlLocation(item)])) as T;
  }
  return value;
}
