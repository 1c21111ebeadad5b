import { basename } from "node:path";
import type { CycleReport } from "./watch-cycle.js";

/** `12:15 feed.xml: 3 new, 1 changed, 41 unchanged · 27 calls · bulletin 58 articles`. */
export function statusLine(report: CycleReport): string {
  const named = names([...report.read, ...report.notModified, ...report.unreadable]);
  const list = (sources: string[]) => sources.map((source) => named.get(source)!).join(", ");
  const parts: string[] = [];
  if (report.read.length > 0) parts.push(`${list(report.read)}: ${report.new} new, ${report.changed} changed, ${report.unchanged} unchanged`);
  if (report.notModified.length > 0) parts.push(`${list(report.notModified)}: not modified`);
  if (report.unreadable.length > 0) parts.push(`${list(report.unreadable)}: unreadable`);
  const failures = report.counts.partial + report.counts.failed;
  const tail = [`${report.calls} calls`, ...(failures > 0 ? [`${report.counts.partial} partial, ${report.counts.failed} failed`] : []), ...(report.bulletin !== undefined ? [`bulletin ${report.bulletin} articles`] : []), ...(report.stopped ? ["stopped"] : [])];
  return `${clock(new Date(report.at))} ${parts.join("; ")} · ${tail.join(" · ")}`;
}

/**
 * Short names: the last part of a feed's path (feed.xml), else its host; a file's or folder's
 * name. Feeds that would share a name (dnevnik.bg/rss, mediapool.bg/rss) are named with their host.
 */
function names(sources: string[]): Map<string, string> {
  const short = new Map(sources.map((source) => [source, nameOf(source, false)]));
  const seen = new Map<string, number>();
  for (const name of short.values()) seen.set(name, (seen.get(name) ?? 0) + 1);
  for (const [source, name] of short) if (seen.get(name)! > 1) short.set(source, nameOf(source, true));
  return short;
}

function nameOf(source: string, withHost: boolean): string {
  if (/^https?:\/\//i.test(source)) {
    try {
      const url = new URL(source);
      const last = url.pathname.split("/").filter(Boolean).pop();
      const host = url.host.replace(/^www\./, "");
      return last === undefined ? host : withHost ? `${host}/${last}` : last;
    } catch {
      return source;
    }
  }
  return basename(source) || source;
}

export function clock(date = new Date()): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}
