/**
 * Safe XML reading and simple XML writing. Pure.
 *
 * Reading: DOCTYPE and ENTITY declarations are refused before any parsing (this rules out
 * entity-expansion attacks such as "billion laughs" and external entities); the text is checked
 * for well-formedness with fast-xml-parser's validator; fast-xml-parser runs with entity
 * processing off and we decode only the five predefined entities and character references.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InteropError } from './errors';

/** An element: attributes (no prefix), `#text`, and child elements as arrays. */
export interface XmlNode {
  [key: string]: string | XmlNode[] | undefined;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,32});/g, (whole, name: string) => {
    if (name in PREDEFINED) return PREDEFINED[name];
    let code: number | null = null;
    if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
    else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
    if (code === null) throw new InteropError(`XML uses an undeclared entity ${whole}.`);
    if (code > 0x10ffff) throw new InteropError(`XML has an invalid character reference ${whole}.`);
    return String.fromCodePoint(code);
  });
}

/** Refuses DTDs (billion laughs, external entities) before anything parses the text. */
export function assertNoDtd(xml: string, what: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new InteropError(
      `${what} contains a DOCTYPE/ENTITY declaration, which is refused for safety (possible entity-expansion attack).`,
    );
  }
}

/**
 * Parses XML into nested XmlNodes: every child element is an array, attributes are plain keys,
 * text is `#text`. The returned object has the root element under its (namespace-stripped) name.
 */
export function parseXmlSafe(xml: string, what: string): XmlNode {
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  if (!xml.trim()) throw new InteropError(`${what} is empty.`);
  assertNoDtd(xml, what);
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new InteropError(`${what} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    alwaysCreateTextNode: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, _jpath, _leaf, isAttribute) => !isAttribute,
    tagValueProcessor: (_name, value) => decodeEntities(value),
    attributeValueProcessor: (_name, value) => decodeEntities(value),
  });
  try {
    return parser.parse(xml) as XmlNode;
  } catch (e) {
    if (e instanceof InteropError) throw e;
    throw new InteropError(`${what} could not be parsed as XML (${(e as Error).message}).`);
  }
}

export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  if (!Array.isArray(v)) return [];
  return v.map((k) => (typeof k === 'object' && k !== null ? k : ({ '#text': String(k) } as XmlNode)));
}

export function kid(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return kids(node, name)[0];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[name];
  return typeof v === 'string' ? v : undefined;
}

export function text(node: XmlNode | undefined): string {
  const v = node?.['#text'];
  return typeof v === 'string' ? v : '';
}

/** The text of the named child element, or null when the child is absent. */
export function childText(node: XmlNode | undefined, name: string): string | null {
  const k = kid(node, name);
  return k ? text(k) : null;
}

// ---------------------------------------------------------------------------------------------
// Writing

// characters XML 1.0 cannot carry at all (control chars except tab/newline/CR, lone surrogates, U+FFFE/F)
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Minimal indenting XML writer. */
export class XmlWriter {
  private readonly out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private readonly stack: string[] = [];

  private attrs(a: Attrs): string {
    let s = '';
    for (const [k, v] of Object.entries(a)) {
      if (v === null || v === undefined) continue;
      s += ` ${k}="${escapeAttr(String(v))}"`;
    }
    return s;
  }

  private indent(): string {
    return '    '.repeat(this.stack.length);
  }

  open(name: string, a: Attrs = {}): this {
    this.out.push(`${this.indent()}<${name}${this.attrs(a)}>\n`);
    this.stack.push(name);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (!name) throw new Error('XmlWriter: close without open');
    this.out.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  /** An element with attributes and no content. */
  empty(name: string, a: Attrs = {}): this {
    this.out.push(`${this.indent()}<${name}${this.attrs(a)}/>\n`);
    return this;
  }

  /** An element holding text (kept verbatim: no indentation inside). */
  textEl(name: string, content: string, a: Attrs = {}): this {
    this.out.push(`${this.indent()}<${name}${this.attrs(a)}>${escapeText(content)}</${name}>\n`);
    return this;
  }

  toString(): string {
    if (this.stack.length) throw new Error(`XmlWriter: unclosed <${this.stack[this.stack.length - 1]}>`);
    return this.out.join('');
  }
}
