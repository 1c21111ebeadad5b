/**
 * Remembers a pure function of a string. Words and sentences repeat a great deal across a run
 * (the same source sentence is checked for every target; function words recur everywhere), so the
 * gates and language tools look each one up once. The memory is bounded twice: past `limit`
 * entries, or past `maxChars` characters of keys, it starts afresh; and a key longer than a
 * sixteenth of `maxChars` (a whole long article, a whole prompt) is computed but never kept, so
 * a 5 MB article is not held once per cache (issue 13.2). Keep limits on whole texts small: their
 * reuse is close in time (one sentence, every target), and a run's memory must not grow with its
 * length.
 */
export function memoize<T>(compute: (key: string) => T, limit = 4096, maxChars = 1 << 21): (key: string) => T {
  let cache = new Map<string, T>();
  let chars = 0;
  const longest = maxChars >> 4;
  return (key) => {
    if (key.length > longest) return compute(key);
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    const value = compute(key);
    if (cache.size >= limit || chars + key.length > maxChars) {
      cache = new Map();
      chars = 0;
    }
    cache.set(key, value);
    chars += key.length;
    return value;
  };
}
