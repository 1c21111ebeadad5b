/**
 * A file of one segment per line, as sacreBLEU reads one: only the line break is removed (\n or
 * \r\n), a final line break does not start an extra segment, and a leading byte-order mark is an
 * encoding marker, not text.
 */
export function splitSegments(text: string): string[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body === "") return [];
  const lines = body.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
