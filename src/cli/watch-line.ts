import { basename } from "node:path";
import type { CycleReport } from "./watch-cycle.js";

/** `12:15 feed.xml: 3 new, 1 changed, 41 unchanged · 27 calls · bulletin 58 articles`. */
export function statusLine(report: CycleReport): string {
  const parts: string[] = [];
  if (report.read.length > 0) parts.push(`${report.read.map(nameOf).join(", ")}: ${report.new} new, ${report.changed} changed, ${report.unchanged} unchanged`);
  if (report.notModified.length > 0) parts.push(`${report.notModified.map(nameOf).join(", ")}: not modified`);
  if (report.unreadable.length > 0) parts.push(`${report.unreadable.map(nameOf).join(", ")}: unreadable`);
  const failures = report.counts.partial + report.counts.failed;
  const tail = [`${report.calls} calls`, ...(failures > 0 ? [`${report.counts.partial} partial, ${report.counts.failed} failed`] : []), ...(report.bulletin !== undefined ? [`bulletin ${report.bulletin} articles`] : []), ...(report.stopped ? ["stopped"] : [])];
  return `${clock(new Date(report.at))} ${parts.join("; ")} · ${tail.join(" · ")}`;
}

/** The last part of a feed's path (feed.xml), else its host; a file's or folder's name. */
function nameOf(source: string): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      const url = new URL(source);
      return url.pathname.split("/").filter(Boolean).pop() ?? url.host;
    } catch {
      return source;
    }
  }
  return basename(source) || source;
}

export function clock(date = new Date()): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}
