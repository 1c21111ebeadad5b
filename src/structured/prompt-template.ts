import { readFile, stat } from "node:fs/promises";
import { PrevodError } from "../errors.js";
import type { ModelMessage } from "../models/types.js";

/**
 * A prompt file is Markdown with two sections, `## system` and `## user`, and placeholders
 * `{{name}}`. Anything before the first section (a comment for humans) is ignored. The system
 * section and the start of the user section must not depend on the target language, so a
 * server's prefix cache is shared by every target of one chunk.
 */
export interface PromptTemplate {
  file: string;
  system: string;
  user: string;
  /** Every placeholder name used, for validation before anything runs. */
  placeholders: Set<string>;
}

const SECTION = /^##[ \t]+(system|user)[ \t]*$/gim;
const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;

export function parsePromptTemplate(text: string, file: string): PromptTemplate {
  const sections = new Map<string, string>();
  const matches = [...text.matchAll(SECTION)];
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index]!;
    const name = match[1]!.toLowerCase();
    const start = match.index! + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    if (sections.has(name)) throw new PrevodError("CONFIG_INVALID", `${file}: the section '## ${name}' appears twice`);
    sections.set(name, text.slice(start, end).trim());
  }
  const system = sections.get("system");
  const user = sections.get("user");
  if (system === undefined || user === undefined) {
    throw new PrevodError("CONFIG_INVALID", `${file}: expected a '## system' and a '## user' section, found ${[...sections.keys()].map((name) => `'## ${name}'`).join(" and ") || "neither"}`);
  }
  const placeholders = new Set<string>();
  for (const match of `${system}\n${user}`.matchAll(PLACEHOLDER)) placeholders.add(match[1]!);
  return { file, system, user, placeholders };
}

/** No prompt is near this size; a larger "prompt" is a mistake (/dev/zero gave 512 MB). */
export const MAX_PROMPT_BYTES = 1024 * 1024;

export async function loadPromptTemplate(file: string): Promise<PromptTemplate> {
  let text: string;
  try {
    // Regular files only: a FIFO hung validate, /dev/zero was read until memory ran out.
    const info = await stat(file);
    if (!info.isFile()) throw new PrevodError("CONFIG_INVALID", `prompt file ${file} is not a regular file`);
    if (info.size > MAX_PROMPT_BYTES) throw new PrevodError("CONFIG_INVALID", `prompt file ${file} is ${info.size} bytes, more than the ${MAX_PROMPT_BYTES} a prompt may have`);
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof PrevodError) throw error;
    throw new PrevodError("CONFIG_INVALID", `cannot read prompt file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return parsePromptTemplate(text, file);
}

/** Placeholders the template uses that the step does not supply. */
export function unknownPlaceholders(template: PromptTemplate, supplied: readonly string[]): string[] {
  return [...template.placeholders].filter((name) => !supplied.includes(name));
}

/** Fills the placeholders; values are inserted verbatim (article text is fenced by the template). */
export function renderPrompt(template: PromptTemplate, values: Record<string, string>): ModelMessage[] {
  const fill = (section: string): string =>
    section.replace(PLACEHOLDER, (_match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new PrevodError("CONFIG_INVALID", `${template.file}: no value for {{${name}}}`);
      return value;
    });
  // Empty optional parts (feedback on a first attempt) must not leave runs of blank lines.
  const tidy = (text: string): string => text.replace(/\n{3,}/g, "\n\n").trim();
  return [
    { role: "system", content: tidy(fill(template.system)) },
    { role: "user", content: tidy(fill(template.user)) },
  ];
}
