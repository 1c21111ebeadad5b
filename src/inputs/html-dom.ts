import { parseHTML } from "linkedom";

// The project compiles without the DOM lib (it is a Node tool), so the few DOM members the HTML
// readers use are declared here; linkedom's objects satisfy them.

/** A DOM node as linkedom provides it. */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentElement: DomElement | null;
  remove(): void;
}

/** A DOM element as linkedom provides it. */
export interface DomElement extends DomNode {
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  contains(other: DomNode): boolean;
  cloneNode(deep: boolean): DomElement;
}

/** A parsed HTML document as linkedom provides it. */
export interface DomDocument {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Parses a whole page or a fragment; a fragment is wrapped so it gets a body. */
export function parseDocument(html: string): DomDocument {
  const page = /<(html|body|head)[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(page).document as unknown as DomDocument;
}

/** Element children and descendants in document order (linkedom has no TreeWalker filter we need). */
export function allElements(root: DomElement | DomDocument): DomElement[] {
  return Array.from(root.querySelectorAll("*"));
}

/** The lowercase id and class tokens of an element, for markup heuristics. */
export function nameTokens(element: DomElement): string[] {
  return `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => token !== "");
}
