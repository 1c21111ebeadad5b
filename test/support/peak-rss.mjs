// Preloaded with --import by tests: writes this process's peak RSS (kB) to $PREVOD_PEAK_RSS_FILE at exit.
// With PREVOD_PEAK_MEMORY_FILE also set, samples process.memoryUsage() every 100 ms and writes the
// largest value of each part (rss, heapUsed, heapTotal, external, arrayBuffers; bytes) as JSON there:
// where the memory of a large input goes.
import { writeFileSync } from "node:fs";

const peaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const sample = () => {
  const usage = process.memoryUsage();
  for (const key of Object.keys(peaks)) peaks[key] = Math.max(peaks[key], usage[key]);
};
if (process.env.PREVOD_PEAK_MEMORY_FILE) setInterval(sample, 100).unref();

process.on("exit", () => {
  if (process.env.PREVOD_PEAK_RSS_FILE) writeFileSync(process.env.PREVOD_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
  if (process.env.PREVOD_PEAK_MEMORY_FILE) {
    sample();
    writeFileSync(process.env.PREVOD_PEAK_MEMORY_FILE, JSON.stringify(peaks));
  }
});
