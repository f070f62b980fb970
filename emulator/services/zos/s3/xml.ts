/**
 * Just enough XML for the S3 protocol: answers are built from plain objects, and the few request
 * documents (CompleteMultipartUpload, Delete, Tagging) are read into a small element tree. No DTDs,
 * no namespaces beyond ignoring prefixes and `xmlns`.
 */

export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  readonly [name: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** `<Name>…</Name>`; arrays repeat the element; null/undefined leave it out. */
function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join("");
  if (typeof value === "object") return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join("")}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

export function xmlDocument(root: string, body: XmlObject, namespace?: string): string {
  const inner = Object.entries(body).map(([k, v]) => element(k, v)).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${namespace ? ` xmlns="${namespace}"` : ""}>${inner}</${root}>`;
}

/** A parsed element: its name (prefix dropped), text and child elements. */
export interface XmlElement {
  readonly name: string;
  readonly text: string;
  readonly children: XmlElement[];
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[entity]!;
  });
}

/** Parses a small document; undefined when it is not well-formed. */
export function parseXml(source: string): XmlElement | undefined {
  const text = source.replace(/^\uFEFF/, "").replace(/<\?xml[^?]*\?>/, "").replace(/<!--[\s\S]*?-->/g, "");
  const tokens = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|([^<]+)|<!\[CDATA\[([\s\S]*?)\]\]>/g;
  const stack: Array<{ name: string; text: string; children: XmlElement[] }> = [];
  let root: XmlElement | undefined;
  for (const match of text.matchAll(tokens)) {
    const [, closing, rawName, , selfClosing, chars, cdata] = match;
    if (chars !== undefined || cdata !== undefined) {
      const top = stack[stack.length - 1];
      if (top) top.text += cdata ?? unescapeXml(chars!);
      else if (chars!.trim() !== "") return undefined;
      continue;
    }
    const name = rawName!.includes(":") ? rawName!.slice(rawName!.indexOf(":") + 1) : rawName!;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) return undefined;
      const done: XmlElement = { name: open.name, text: open.text, children: open.children };
      if (stack.length === 0) root = done;
      else stack[stack.length - 1]!.children.push(done);
      continue;
    }
    const opened = { name, text: "", children: [] as XmlElement[] };
    if (selfClosing) {
      if (stack.length === 0) root = opened;
      else stack[stack.length - 1]!.children.push(opened);
    } else stack.push(opened);
  }
  return stack.length === 0 ? root : undefined;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text;
}
