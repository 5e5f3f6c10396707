/**
 * A forward-only scanner for the machine-written XML of .xlsx parts. Every position of the input
 * is visited a bounded number of times, so work is linear in the part's size whatever it holds:
 * the regular expressions it replaces rescanned to the end of the part for every unclosed
 * `<si>`, `<c>` or `<v>` (a 14.5 KB file took 45 s). It is not a validating parser; what it does
 * with input that is not well-formed is stated per case below and pinned by property tests.
 */

export interface XmlHandler {
  /** `local` is the name without its prefix; `attributes` the raw text after the name. */
  open(local: string, prefix: string, attributes: string, selfClosing: boolean): void;
  close(local: string, prefix: string): void;
  /** Called only while `wantText()` is true: character data, entities and CDATA already decoded. */
  text(text: string): void;
  wantText(): boolean;
}

export interface ScanStats {
  /**
   * Characters the scanner looked at, by indexOf or one by one: the measure of its work, which
   * the property tests hold to a small multiple of the input's length.
   */
  steps: number;
  /** A `<!DOCTYPE`: Excel never writes one, and a DTD is how entity expansion attacks start. */
  doctype: boolean;
  /** The input ended inside a tag, comment or CDATA section, or with elements left open. */
  truncated: boolean;
  /** Why the part is not well-formed XML (a close tag that does not match, text outside the root), or ''. */
  malformed: string;
}

const SPACE = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export function scanXml(xml: string, handler: XmlHandler): ScanStats {
  const stats: ScanStats = { steps: 0, doctype: false, truncated: false, malformed: '' };
  const n = xml.length;
  // Open elements, to check that each close tag matches (XML 1.0 §3, element type match).
  const open: string[] = [];
  let rootClosed = false;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    stats.steps += textEnd - i;
    if (textEnd > i) {
      if (open.length === 0) {
        // Only white space may stand outside the root element (XML 1.0 §2.1, document).
        if (!stats.malformed && /\S/.test(xml.slice(i, textEnd)))
          stats.malformed = 'text outside the root element';
      } else if (handler.wantText()) handler.text(decodeXmlText(xml.slice(i, textEnd)));
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        stats.steps += (end === -1 ? n : end) - lt;
        if (end === -1) return { ...stats, truncated: true };
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        stats.steps += (end === -1 ? n : end) - lt;
        if (end === -1) return { ...stats, truncated: true };
        if (handler.wantText()) handler.text(xml.slice(lt + 9, end).replace(/\r\n?/g, '\n'));
        i = end + 3;
        continue;
      }
      // A declaration (<!DOCTYPE …>): noted, skipped to its end, internal subset included.
      stats.doctype = true;
      let depth = 0;
      let j = lt + 2;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (c === 91 /* [ */) depth++;
        else if (c === 93 /* ] */) depth--;
        else if (c === 62 /* > */ && depth <= 0) break;
      }
      stats.steps += j - lt;
      if (j >= n) return { ...stats, truncated: true };
      i = j + 1;
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      stats.steps += (end === -1 ? n : end) - lt;
      if (end === -1) return { ...stats, truncated: true };
      i = end + 2;
      continue;
    }
    // A tag: its end is the first `>` outside a quoted attribute value.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) break;
    }
    stats.steps += j - lt;
    if (j >= n) return { ...stats, truncated: true };
    const closing = next === 47; /* / */
    let nameStart = closing ? lt + 2 : lt + 1;
    let k = nameStart;
    while (k < j && !SPACE(xml.charCodeAt(k)) && xml.charCodeAt(k) !== 47) k++;
    const qname = xml.slice(nameStart, k);
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    nameStart = k;
    if (closing) {
      const expected = open.pop();
      if (expected !== qname && !stats.malformed)
        stats.malformed =
          expected === undefined ? `</${qname}> closes nothing` : `</${qname}> closes <${expected}>`;
      if (open.length === 0) rootClosed = true;
      handler.close(local, prefix);
    } else {
      const selfClosing = xml.charCodeAt(j - 1) === 47;
      if (open.length === 0 && rootClosed && !stats.malformed)
        stats.malformed = `a second root element <${qname}>`;
      if (!selfClosing) open.push(qname);
      else if (open.length === 0) rootClosed = true;
      handler.open(local, prefix, xml.slice(nameStart, selfClosing ? j - 1 : j), selfClosing);
      if (selfClosing) handler.close(local, prefix);
    }
    i = j + 1;
  }
  if (open.length > 0) return { ...stats, truncated: true };
  return stats;
}

const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCodePoint(code: number, whole: string): string {
  // A reference to a code point that does not exist is kept as typed rather than thrown on.
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** Entities and character references; unknown entities are kept as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, e: string) => {
    if (e.charCodeAt(0) !== 35) return NAMED[e] ?? whole;
    const hex = e.charCodeAt(1) === 120 || e.charCodeAt(1) === 88;
    return fromCodePoint(hex ? parseInt(e.slice(2), 16) : Number(e.slice(1)), whole);
  });
}

/**
 * Character data as an XML parser gives it: line ends normalised to LF before references are
 * decoded (XML 1.0 §2.11), so a literal CR LF reads as LF while `&#13;` stays a CR.
 */
export function decodeXmlText(raw: string): string {
  return decodeEntities(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
}

/**
 * Excel's own escape for characters XML cannot hold (ECMA-376 Part 1 §22.9.2.19 ST_Xstring):
 * `_x000D_` is a CR, and `_x005F_` escapes a literal underscore that would otherwise start one.
 */
export function decodeExcelEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The attributes of one tag, by local name (a prefixed `r:id` is `id`), values decoded. Written
 * as one pass by hand: a regular expression over a long run without `=` backtracks quadratically.
 */
export function parseAttributes(raw: string): Map<string, string> {
  const map = new Map<string, string>();
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && (SPACE(raw.charCodeAt(i)) || raw.charCodeAt(i) === 47)) i++;
    const nameStart = i;
    while (i < n && !SPACE(raw.charCodeAt(i)) && raw.charCodeAt(i) !== 61 /* = */) i++;
    const qname = raw.slice(nameStart, i);
    while (i < n && SPACE(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) !== 61) continue;
    i++;
    while (i < n && SPACE(raw.charCodeAt(i))) i++;
    const quote = raw.charCodeAt(i);
    if (quote !== 34 && quote !== 39) continue;
    const end = raw.indexOf(quote === 34 ? '"' : "'", i + 1);
    const valueEnd = end === -1 ? n : end;
    const rawValue = raw.slice(i + 1, valueEnd);
    // Attribute-value normalisation (XML 1.0 §3.3.3): literal tabs and line ends read as spaces.
    const value = decodeEntities(/[\t\n\r]/.test(rawValue) ? rawValue.replace(/[\t\n\r]/g, ' ') : rawValue);
    i = valueEnd + 1;
    if (qname.length === 0) continue;
    const colon = qname.indexOf(':');
    // `xmlns:r` and `r:id` both have a local part; a namespace declaration must not shadow `id`.
    if (qname.startsWith('xmlns')) map.set(qname, value);
    else if (colon === -1) map.set(qname, value);
    else {
      const local = qname.slice(colon + 1);
      if (!map.has(local)) map.set(local, value);
    }
  }
  return map;
}

/**
 * One attribute of a tag by its exact name, without building the whole map: cells and rows are
 * most of a sheet, and they need only `r`, `s` and `t`. Bounded by the tag's own length; falls
 * back to the full parse for the rare `name = "…"` written with spaces around `=`.
 */
export function attribute(raw: string, name: string): string | undefined {
  const needle = `${name}=`;
  let from = 0;
  for (;;) {
    const at = raw.indexOf(needle, from);
    if (at === -1) break;
    const before = raw.charCodeAt(at - 1);
    if (at === 0 || SPACE(before)) {
      const quote = raw.charAt(at + needle.length);
      if (quote !== '"' && quote !== "'") break;
      const end = raw.indexOf(quote, at + needle.length + 1);
      const value = raw.slice(at + needle.length + 1, end === -1 ? raw.length : end);
      return value.includes('&') ? decodeEntities(value) : value;
    }
    from = at + 1;
  }
  return raw.includes(' =') || raw.includes('= ') || raw.includes(`:${name}`)
    ? parseAttributes(raw).get(name)
    : undefined;
}

/** The spreadsheetml namespaces, transitional and strict (ECMA-376 Part 1 and Part 4). */
export const MAIN_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
]);

/**
 * Which prefix the root element binds to the spreadsheetml namespace ('' for the default
 * namespace), or null when the root binds none of them (then any prefix is accepted). Extension
 * elements such as `<x15:workbookPr>` share local names with main ones and must not be read as them.
 */
export function mainPrefix(attributes: Map<string, string>): string | null {
  for (const [name, value] of attributes) {
    if (!MAIN_NAMESPACES.has(value)) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return name.slice(6);
  }
  return null;
}
