/**
 * What the peer corpus is expected to give, file by file where a rule does not say it, each
 * with its reason. Reviewed by reading the file's parts; a change here is a change of what the
 * reader does with someone's real file, and wants the same care.
 */

/** Refused files, and the reason each is refused for (kind, and a pattern of the detail). */
export const REFUSALS: Record<string, [kind: string, detail: RegExp, why: string]> = {
  'apache__test-data_openxml4j_invalid.xlsx': [
    'not-a-workbook',
    /no workbook part/,
    'POI: a zip with no workbook part',
  ],
  'exceljs__spec_integration_data_missing-bits.xlsx': [
    'not-a-workbook',
    /no workbook part/,
    'only xl/_rels/workbook.xml.rels and one sheet: no workbook.xml, no package relationships',
  ],
  'apache__test-data_spreadsheet_54764.xlsx': [
    'part-damaged',
    /DOCTYPE/,
    'POI 54764: entity-expansion (billion laughs) bomb in sharedStrings',
  ],
  'apache__test-data_spreadsheet_54764-2.xlsx': [
    'part-damaged',
    /DOCTYPE/,
    'POI 54764: entity-expansion bomb, second form',
  ],
  'apache__test-data_spreadsheet_poc-xmlbomb.xlsx': [
    'part-damaged',
    /DOCTYPE/,
    'POI: XML bomb through a DTD',
  ],
  'apache__test-data_spreadsheet_poc-xmlbomb-empty.xlsx': [
    'part-damaged',
    /DOCTYPE/,
    'POI: XML bomb through a DTD',
  ],
  'apache__test-data_spreadsheet_xlsx-corrupted.xlsx': [
    'part-damaged',
    /_rels\/\.rels: not well-formed/,
    'the package relationships part holds the text CORRUPTED',
  ],
  'exceljs__spec_integration_data_invalid-xml.xlsx': [
    'part-damaged',
    /sheet1\.xml: not well-formed/,
    'exceljs fixture: "foo" before the root element of the sheet; exceljs expects a failure too',
  ],
  'apache__test-data_spreadsheet_sample-beta.xlsx': [
    'part-damaged',
    /refers to shared string 0, the table has 0/,
    'an Office 2007 beta file: its strings are <sstItem>, not OOXML <si>; reading the cells as empty would lose them',
  ],
  'apache__test-data_spreadsheet_duplicate-filename-case-insensitive.xlsx': [
    'damaged',
    /two parts named/,
    'sheet1.xml and Sheet1.xml: one part to OPC, two entries in the zip',
  ],
  'apache__test-data_spreadsheet_duplicate-filename.xlsx': [
    'damaged',
    /two parts named/,
    'two zip entries of one name: readers disagree on which is the sheet (v1 or v2)',
  ],
  'apache__test-data_spreadsheet_clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx': [
    'damaged',
    /CRC-32 mismatch/,
    'fuzzed: a sheet whose data does not match its CRC (exceljs does not check CRCs and reads it)',
  ],
};

/** Fuzzed files (POI's clusterfuzz cases) whose zip structure is broken: refused as damaged. */
export const FUZZED = /clusterfuzz-testcase-minimized/;

/** Encrypted workbooks (an OLE2 container with EncryptionInfo): refused as encrypted. */
export const ENCRYPTED = new Set([
  'apache__test-data_poifs_60320-protected.xlsx',
  'apache__test-data_poifs_extenxls_pwd123.xlsx',
  'apache__test-data_poifs_protect.xlsx',
  'apache__test-data_poifs_protected_sha512.xlsx',
  'apache__test-data_spreadsheet_58616.xlsx',
  'apache__test-data_spreadsheet_crash-9bf3cd4bd6f50a8a9339d363c2c7af14b536865c.xlsx',
  'apache__test-data_spreadsheet_protected_passtika.xlsx',
  'dtjohnso__examples_encryption_in.xlsx',
  'dtjohnso__examples_encryption_out.xlsx',
  'dtjohnso__test_e2e-generate_encrypted_out.xlsx',
  'qax-os__test_encryptAES.xlsx',
  'qax-os__test_encryptSHA1.xlsx',
  'qax-os__test_encryptSHA512.xlsx',
]);

/**
 * Refused only under a bureau file's budget (the comparison reads them with a master's): true
 * refusals for a bureau file, which a template never comes near.
 */
export const BUREAU_BUDGET_REFUSALS: Record<string, string> = {
  'apache__test-data_spreadsheet_57893-many-merges.xlsx': 'merges',
  'apache__test-data_spreadsheet_bug62181.xlsx': 'rows',
};

/** Cells where the two readers differ and no rule covers it: the reason, per file. */
export const KNOWN_DIFFERENCES: Record<string, [count: number, why: string]> = {
  'apache__test-data_spreadsheet_SimpleStrict.xlsx': [
    1,
    'a date-typed cell (t="d", 1990-01-01): exceljs parses the ISO text as the number 1990 and shows 1905-06-12',
  ],
};

/**
 * Files exceljs cannot open at all (its error, or stopped after 20 s), which the fast reader
 * reads. For each, the fast reader's sheets and cell counts were printed and looked at; the
 * empty ones were opened by hand and hold empty sheets (58760, BrNotClosed, test-issue-1842).
 */
export const EXCELJS_CANNOT: Record<string, string> = {
  'apache__test-data_spreadsheet_1_NoIden.xlsx': 'exceljs: unexpected lastModifiedBy node in docProps',
  'apache__test-data_spreadsheet_56278.xlsx': 'exceljs: "Invalid row number in model"',
  'apache__test-data_spreadsheet_58760.xlsx':
    'exceljs: relationships written with an ns0: prefix; the one sheet is empty',
  'apache__test-data_spreadsheet_59021.xlsx': "exceljs: cannot read 'sheets' of its workbook model",
  'apache__test-data_spreadsheet_59746_NoRowNums.xlsx':
    "exceljs: cannot read 'sheets'; rows and cells carry no r",
  'apache__test-data_spreadsheet_61281.xlsx': "exceljs: cannot set 'filterButton' (an autoFilter)",
  'apache__test-data_spreadsheet_65016.xlsx': "exceljs: cannot read 'sheets' of its workbook model",
  'apache__test-data_spreadsheet_BrNotClosed.xlsx':
    'exceljs: an unclosed <br> in a VML drawing, a part the reader does not need; sheets empty',
  'apache__test-data_spreadsheet_ConditionalFormattingSamples.xlsx':
    'exceljs: an iconFilter node it does not know',
  'apache__test-data_spreadsheet_InlineString.xlsx': "exceljs: cannot set 'sheetNo'",
  'apache__test-data_spreadsheet_craftonhills.edu_programreview_report.aspx_goalpriorityreport_0011d159-1eeb-4b63-8833-867b0926e5f3.xlsx':
    "exceljs: cannot read 'sheets' of its workbook model",
  'apache__test-data_spreadsheet_dataValidationTableRange.xlsx':
    "exceljs: cannot set 'filterButton' (an autoFilter)",
  'apache__test-data_spreadsheet_style-alternate-content.xlsx':
    "exceljs: cannot read 'company' (mc:AlternateContent in docProps)",
  'apache__test-data_spreadsheet_xxe_in_schema.xlsx': "exceljs: cannot set 'filterButton' (an autoFilter)",
  'tealeg__testdocs_empty_rows_in_the_rest.xlsx': 'exceljs: "Invalid row number in model"',
  'tealeg__testdocs_namespaced.xlsx': "exceljs: cannot read 'sheets'; every element carries a prefix",
  'tealeg__testdocs_noStylesAndSharedStringsTest.xlsx': "exceljs: cannot read 'sheets'; no styles part",
  'apache__test-data_spreadsheet_57893-many-merges.xlsx': 'exceljs: stopped after 20 s on its merges',
  'apache__test-data_spreadsheet_poc-shared-strings.xlsx':
    'exceljs: stopped after 30 s on its shared strings, or, on a faster machine, a result of more text than the harness takes back',
  'exceljs__spec_integration_data_test-issue-1842.xlsx':
    'exceljs: stopped after 20 s; its one sheet is empty',
};
