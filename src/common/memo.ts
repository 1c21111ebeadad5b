/**
 * Remembers a pure function of a string. Words and sentences repeat a great deal across a run
 * (the same source sentence is checked for every target; function words recur everywhere), so the
 * gates and language tools look each one up once. The memory is bounded: past `limit` entries
 * it starts afresh. Keep limits on whole texts small: their reuse is close in time (one sentence,
 * every target), and a run's memory must not grow with its length.
 */
export function memoize<T>(compute: (key: string) => T, limit = 4096): (key: string) => T {
  let cache = new Map<string, T>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    const value = compute(key);
    if (cache.size >= limit) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
