import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from "./html-dom.js";

// Elements that start a new paragraph of text. Anything else is inline and joins its neighbours.
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
]);

// Never article text: code, styling, embedded media and form controls.
const SKIP = new Set([
  "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object", "embed",
  "button", "select", "textarea", "input", "head", "video", "audio", "map", "picture", "img",
]);

/**
 * The text of an element as paragraphs: one per block element (p, li, h2, blockquote, …), inline
 * markup flattened, whitespace collapsed as a browser would, `<br>` kept as a line break.
 * Elements for which `skip` says true are left out with everything inside them.
 * @example blocksOf(parseDocument("<p>One <b>two</b></p><p>Three<br>four</p>").body!) // ["One two", "Three\nfour"]
 */
export function blocksOf(root: DomElement, skip?: (element: DomElement) => boolean): string[] {
  const blocks: string[] = [];
  let current = "";
  const flush = (): void => {
    const block = current
      .split("\n")
      .map((line) => line.replace(/[ \t\r\n\f]+/g, " ").replace(/^[ \u00a0]+|[ \u00a0]+$/g, ""))
      .filter((line) => line !== "")
      .join("\n");
    if (block !== "") blocks.push(block);
    current = "";
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      // Newlines in source HTML are plain whitespace; only <br> makes a line break.
      current += (node.textContent ?? "").replace(/\n/g, " ");
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as DomElement;
    const name = element.localName.toLowerCase();
    if (SKIP.has(name) || element.getAttribute("hidden") !== null || element.getAttribute("aria-hidden") === "true") return;
    if (skip?.(element)) return;
    if (name === "br") {
      current += "\n";
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of Array.from(element.childNodes)) walk(child);
    if (block) flush();
  };
  for (const child of Array.from(root.childNodes)) walk(child);
  flush();
  return blocks;
}

/** The text of an element as one block: its paragraphs joined by single line breaks. */
export function textOf(root: DomElement, skip?: (element: DomElement) => boolean): string {
  return blocksOf(root, skip).join("\n");
}
