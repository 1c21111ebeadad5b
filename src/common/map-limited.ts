/**
 * `Promise.all(items.map(work))` with at most `limit` calls of `work` running at once, taken in
 * item order; results come back in item order. The first rejection rejects the whole and no
 * further item is started (running ones finish on their own).
 *
 * Why not Promise.all: a 5 MB article has ~7,000 chunks per target; starting them all at once
 * built and held every chunk's prompt (system text, JSON of its sentences, the request, its
 * promise chain) while they waited for a model slot: ~100 MB before the first answer.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
