// Preloaded with --import by tests: writes this process's peak RSS (kB) to $PREVOD_PEAK_RSS_FILE at exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.PREVOD_PEAK_RSS_FILE) writeFileSync(process.env.PREVOD_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
