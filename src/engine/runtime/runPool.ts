/**
 * Runs `work` for each item with at most `limit` at a time (0 = no limit), in
 * order of the items. Once `stop()` answers true, no further item starts;
 * the ones already running are awaited.
 */
export async function runPool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, stop: () => boolean): Promise<void> {
  const width = limit > 0 ? Math.min(limit, items.length) : items.length;
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}
