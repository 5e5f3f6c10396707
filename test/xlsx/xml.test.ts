import {
  attribute,
  decodeEntities,
  decodeExcelEscapes,
  decodeXmlText,
  mainPrefix,
  parseAttributes,
  scanXml,
  type XmlHandler,
} from '../../src/xlsx/xml';

/**
 * The XML scanner's own rules, one by one: what it reports for each construct of XML 1.0 the
 * .xlsx parts hold, and for each way a part can fail to be well-formed. The reader's tests see
 * these only through whole workbooks; here each rule is pinned where a change to it shows.
 */

/** Every event the scanner gives, as text: `+p:local[attributes]`, `/` for self-closing, `-p:local`, `"text"`. */
function events(xml: string, wantText = true): { log: string[]; stats: ReturnType<typeof scanXml> } {
  const log: string[] = [];
  const handler: XmlHandler = {
    open: (local, prefix, attributes, selfClosing) =>
      log.push(`+${prefix ? `${prefix}:` : ''}${local}[${attributes}]${selfClosing ? '/' : ''}`),
    close: (local, prefix) => log.push(`-${prefix ? `${prefix}:` : ''}${local}`),
    text: (text) => log.push(JSON.stringify(text)),
    wantText: () => wantText,
  };
  const stats = scanXml(xml, handler);
  return { log, stats };
}

const clean = { doctype: false, truncated: false, malformed: '' };

describe('scanXml: elements, attributes and text (XML 1.0 §3)', () => {
  it('gives open, close and text in document order, prefixes apart from local names', () => {
    const { log, stats } = events('<x:a k="1"><b/>hi<c t=\'2\'>there</c></x:a>');
    expect(log).toStrictEqual(['+x:a[ k="1"]', '+b[]/', '-b', '"hi"', "+c[ t='2']", '"there"', '-c', '-x:a']);
    expect(stats).toMatchObject(clean);
  });

  it('a self-closing tag with attributes gives them without the closing slash', () => {
    expect(events('<a><c r="G5" s="3"/></a>').log).toStrictEqual(['+a[]', '+c[ r="G5" s="3"]/', '-c', '-a']);
  });

  it('a `>` or `/` inside a quoted attribute value does not end the tag', () => {
    expect(events(`<a f="x>y" g='p/>q'>t</a>`).log).toStrictEqual([`+a[ f="x>y" g='p/>q']`, '"t"', '-a']);
  });

  it('text is asked for: none is built while the handler does not want it', () => {
    expect(events('<a>one<b>two</b></a>', false).log).toStrictEqual(['+a[]', '+b[]', '-b', '-a']);
  });

  it('entities and character references are decoded in text; CR LF and CR read as LF, &#13; stays a CR', () => {
    expect(events('<a>x &amp; y &lt;&gt; &#65;&#x42;\r\nz\rw&#13;</a>').log).toStrictEqual([
      '+a[]',
      JSON.stringify('x & y <> AB\nz\nw\r'),
      '-a',
    ]);
  });

  it('CDATA is text as written — no entity decoded — with its line ends read as LF', () => {
    expect(events('<a><![CDATA[1 &amp; <2>\r\n]]></a>').log).toStrictEqual([
      '+a[]',
      JSON.stringify('1 &amp; <2>\n'),
      '-a',
    ]);
    expect(events('<a><![CDATA[x]]></a>', false).log).toStrictEqual(['+a[]', '-a']);
  });

  it('comments, the XML declaration and processing instructions are skipped whole', () => {
    const { log, stats } = events('<?xml version="1.0"?><!-- <b> --><a><?pi x>y?>t<!--c--></a>');
    expect(log).toStrictEqual(['+a[]', '"t"', '-a']);
    expect(stats).toMatchObject(clean);
  });

  it('white space outside the root is allowed; a close tag ends the document', () => {
    expect(events(' \n<a/>\r\n\t').stats).toMatchObject(clean);
  });

  it('its work is about the length of the input: every character looked at, none many times', () => {
    const xml = `<a>${'<c r="G5" s="1"><v>12</v></c>'.repeat(100)}<!-- note --></a>`;
    const { stats } = events(xml);
    expect(stats.steps).toBeGreaterThanOrEqual(xml.length - 2 * 402);
    expect(stats.steps).toBeLessThanOrEqual(xml.length);
  });
});

describe('scanXml: its work counted for every construct (steps: the characters it looked at)', () => {
  // Each construct is looked at once, to the delimiter that ends it: the count is the input's
  // length less at most the closing delimiters, never more than the length, never less than zero.
  it.each([
    ['comments', '<!-- a note, a little long -->'],
    ['CDATA sections', '<![CDATA[ text <with> & marks ]]>'],
    ['processing instructions', '<?mso-application progid="Excel.Sheet"?>'],
  ])('%s: every character counted once', (_name, construct) => {
    const xml = `<a>${construct.repeat(50)}</a>`;
    const { stats } = events(xml);
    expect(stats.steps).toBeLessThanOrEqual(xml.length);
    expect(stats.steps).toBeGreaterThanOrEqual(xml.length - 50 * 3 - 4);
  });

  it('a DOCTYPE with an internal subset: counted once, to its end', () => {
    const doctype = `<!DOCTYPE a [ ${'<!ENTITY x "y">'.repeat(40)} ]>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}<a/>`;
    const { stats } = events(xml);
    expect(stats.steps).toBeLessThanOrEqual(xml.length);
    expect(stats.steps).toBeGreaterThanOrEqual(xml.length - 4);
  });

  it.each([
    ['a comment', '<a><!-- never closed, and long enough to count'],
    ['CDATA', '<a><![CDATA[ never closed, and long enough to count'],
    ['a processing instruction', '<a><?pi never closed, and long enough to count'],
    ['a declaration', '<!DOCTYPE a [ <!ENTITY x "never closed, and long enough to count">'],
    ['a tag', '<a><b attribute="never closed, and long enough to count"'],
  ])('%s cut off: truncated, and the rest of the part counted', (_name, xml) => {
    const { stats } = events(xml);
    expect(stats.truncated).toBe(true);
    expect(stats.steps).toBeGreaterThanOrEqual(xml.length - 4);
    expect(stats.steps).toBeLessThanOrEqual(xml.length);
  });

  it.each([
    ['-->', '<!-- c -->'],
    [']]>', '<![CDATA[c]]>'],
    ['?>', '<?pi c?>'],
  ])('text ending in %j just before the construct does not end it early', (closer, construct) => {
    expect(events(`<a>x${closer}${construct}<b/></a>`).log).toStrictEqual([
      '+a[]',
      JSON.stringify(`x${closer}`),
      ...(construct.startsWith('<![CDATA[') ? ['"c"'] : []),
      '+b[]/',
      '-b',
      '-a',
    ]);
  });
});

describe('scanXml: parts that are not well-formed are reported, never read on as if they were', () => {
  it.each([
    ['<a><b>', 'elements left open'],
    ['<a><b', 'a tag cut off'],
    ['<a><!-- never closed', 'a comment cut off'],
    ['<a><![CDATA[ never closed', 'CDATA cut off'],
    ['<a><?pi never closed', 'a processing instruction cut off'],
    ['<!DOCTYPE a [ <!ENTITY x "y">', 'a declaration cut off'],
  ])('%s: truncated (%s)', (xml) => {
    expect(events(xml).stats.truncated).toBe(true);
  });

  it('a DOCTYPE is noted and skipped to its end, `>` inside its internal subset included', () => {
    const { log, stats } = events('<!DOCTYPE a [<!ENTITY x "y">]><a>t</a>');
    expect(stats).toMatchObject({ doctype: true, truncated: false, malformed: '' });
    expect(log).toStrictEqual(['+a[]', '"t"', '-a']);
    expect(events('<a/>').stats.doctype).toBe(false);
  });

  it.each([
    ['<a></b>', '</b> closes <a>'],
    ['<a/></b>', '</b> closes nothing'],
    ['<a/>text', 'text outside the root element'],
    ['text<a/>', 'text outside the root element'],
    ['<a/><b/>', 'a second root element <b>'],
    ['<a></a><b></b>', 'a second root element <b>'],
    ['<x:a></a>', '</a> closes <x:a>'],
  ])('%s is malformed: %s', (xml, why) => {
    expect(events(xml).stats.malformed).toBe(why);
  });

  it('the first fault is the one reported', () => {
    expect(events('<a></b></c>').stats.malformed).toBe('</b> closes <a>');
  });

  it('a well-formed part with nested elements of one name is not malformed', () => {
    expect(events('<a><a><a/></a></a>').stats).toMatchObject(clean);
  });
});

describe('decoding text (XML 1.0 §4.1, §2.11; ECMA-376 ST_Xstring)', () => {
  it('the five named entities and decimal and hex references, either case of x', () => {
    expect(decodeEntities('&amp;&lt;&gt;&quot;&apos;')).toBe('&<>"\'');
    expect(decodeEntities('&#20013;&#x6587;&#X6587;&#128512;')).toBe('中文文😀');
  });

  it('what is not a reference is kept as written: unknown names, code points that do not exist, a bare &', () => {
    expect(decodeEntities('&nbsp; &#0; &#x110000; & &amp')).toBe('&nbsp; &#0; &#x110000; & &amp');
    expect(decodeEntities('&#1114111;')).toBe(String.fromCodePoint(0x10ffff));
  });

  it('text without & comes back as it is', () => {
    expect(decodeEntities('plain 文字')).toBe('plain 文字');
  });

  it('line ends are normalised before references are decoded', () => {
    expect(decodeXmlText('a\r\nb\rc&#13;&#10;')).toBe('a\nb\nc\r\n');
    expect(decodeXmlText('no line ends')).toBe('no line ends');
  });

  it("Excel's _xHHHH_ escapes: _x000D_ is a CR, _x005F_ an underscore; anything else stays", () => {
    expect(decodeExcelEscapes('a_x000D_b_x005F_x0041_c')).toBe('a\rb_x0041_c');
    expect(decodeExcelEscapes('_x00e9_')).toBe('é');
    expect(decodeExcelEscapes('_x12_ _xZZZZ_ x_')).toBe('_x12_ _xZZZZ_ x_');
  });
});

describe('attributes (XML 1.0 §3.1, §3.3.3; Namespaces §6.3)', () => {
  it('values in either quote, spaces around =, entities decoded, tabs and line ends read as spaces', () => {
    const map = parseAttributes(` a="1" b = '2' c="x&amp;y" d="l1\tl2\r\nl3"`);
    expect([...map]).toStrictEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', 'x&y'],
      ['d', 'l1 l2  l3'],
    ]);
  });

  it('a prefixed name is read by its local part, but never over the unprefixed one', () => {
    expect(parseAttributes(' r:id="rId1"').get('id')).toBe('rId1');
    expect(parseAttributes(' id="plain" r:id="rId1"').get('id')).toBe('plain');
    expect(parseAttributes(' r:id="rId1" id="plain"').get('id')).toBe('plain');
  });

  it('namespace declarations keep their whole name, so xmlns:r does not shadow r', () => {
    const map = parseAttributes(' xmlns="urn:main" xmlns:r="urn:rel" r="A1"');
    expect(map.get('xmlns')).toBe('urn:main');
    expect(map.get('xmlns:r')).toBe('urn:rel');
    expect(map.get('r')).toBe('A1');
  });

  it('an attribute without a quoted value is skipped; an unclosed value runs to the end of the tag', () => {
    expect([...parseAttributes(' a=1 b="2"')]).toStrictEqual([['b', '2']]);
    expect([...parseAttributes(' a b="2"')]).toStrictEqual([['b', '2']]);
    expect([...parseAttributes(' a="open')]).toStrictEqual([['a', 'open']]);
    expect([...parseAttributes(' ="x" b="2" /')]).toStrictEqual([['b', '2']]);
  });

  it('attribute(): one attribute by its exact name, not a longer name that ends in it', () => {
    expect(attribute(' r="G5" s="3" t="s"', 't')).toBe('s');
    expect(attribute(' ht="15" r="4"', 't')).toBeUndefined();
    expect(attribute(' rr="x" r="G5"', 'r')).toBe('G5');
    expect(attribute(" t='str'", 't')).toBe('str');
    expect(attribute(' v="a&amp;b"', 'v')).toBe('a&b');
    expect(attribute(' s="3"', 'r')).toBeUndefined();
    expect(attribute(' r="unclosed', 'r')).toBe('unclosed');
  });

  it('attribute(): the forms a quick look cannot take fall back to the full parse', () => {
    expect(attribute(' r = "G5"', 'r')).toBe('G5');
    expect(attribute(' r ="G5"', 'r')).toBe('G5');
    // At the very start of the text (called on a tag's text without its leading space).
    expect(attribute('r="G5" s="1"', 'r')).toBe('G5');
    expect(attribute(' r= "G5"', 'r')).toBe('G5');
    expect(attribute(' x:r="G6"', 'r')).toBe('G6');
    expect(attribute(' r=G5 t="n"', 'r')).toBeUndefined();
  });
});

describe('mainPrefix: which prefix the root binds to spreadsheetml', () => {
  it.each([
    [' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', ''],
    [' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'x'],
    [' xmlns:s="http://purl.oclc.org/ooxml/spreadsheetml/main"', 's'],
    [' xmlns:r="urn:other" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'x'],
    [' xmlns="urn:other"', null],
    ['', null],
    [' main="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', null],
    // Only `xmlns` and `xmlns:` declare a namespace (Namespaces in XML §3).
    [' xmlnsx="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', null],
  ])('%s → %j', (raw, prefix) => {
    expect(mainPrefix(parseAttributes(raw))).toBe(prefix);
  });
});
