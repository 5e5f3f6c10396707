/**
 * An in-memory Excel for tests and the preview: enough of Office.js for the adapter, with the
 * rules that make real add-ins fail — a property read before `load` and `context.sync()` throws,
 * writes and loads take effect at `sync()`, `*OrNullObject` results are known only after a sync,
 * and `Range.values` parses a string the way Excel parses typing (`=` makes a formula, `85%` a
 * number with a percent format, a leading apostrophe keeps text). It counts round trips.
 * Test-only: it never enters the production bundle.
 */

export interface CellModel {
  value: string | number | boolean | null;
  /** `#DIV/0!` and friends. */
  error?: string;
  formula?: string;
  numberFormat: string;
  fill: string | null;
  fillPattern: string;
  fontColor: string;
  bold: boolean;
  /** Points; Excel's default font is 11 pt (RangeFont.size). */
  fontSize: number;
  locked: boolean;
  wrapText: boolean;
  /** RangeFormat.horizontalAlignment / verticalAlignment (ExcelApi 1.1); Excel's defaults. */
  horizontalAlignment: Excel.HorizontalAlignment | `${Excel.HorizontalAlignment}`;
  verticalAlignment: Excel.VerticalAlignment | `${Excel.VerticalAlignment}`;
}

export interface ValidationModel {
  rule: Excel.DataValidationRule;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
}

export interface ChartModel {
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position: [string, string] | null;
  /** ChartLegend.visible: Excel shows a new chart's legend. */
  legendVisible: boolean;
}

export class SheetModel {
  cells = new Map<string, CellModel>();
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** `password`: protected with one (WorksheetProtection.protect(options, password), ExcelApi 1.7). */
  protection: { protected: boolean; options: Excel.WorksheetProtectionOptions; password?: string } = {
    protected: false,
    options: {},
  };
  validations = new Map<string, ValidationModel>();
  /** `barDirection`: a DataBar's, where it was set (DataBarConditionalFormat.barDirection, ExcelApi 1.6). */
  conditionalFormats: {
    address: string;
    type: string;
    formula?: string;
    barDirection?: string;
    /** A custom format's fill and font colours (ConditionalRangeFormat.fill / .font). */
    fill?: string;
    fontColor?: string;
  }[] = [];
  charts: ChartModel[] = [];
  merges: string[] = [];
  frozenRows = 0;
  columnWidths = new Map<number, number>();
  /** Rows given a height (RangeFormat.rowHeight, points); a row not here has Excel's standard height. */
  rowHeights = new Map<number, number>();
  /** Formats set on whole columns or the sheet, for the cells made there later (eachCell). */
  areaFormats: {
    box: { top: number; left: number; bottom: number; right: number };
    apply: (cell: CellModel, row: number, column: number) => void;
  }[] = [];
  handlers: ((event: { address: string; source: string; changeType: string }) => Promise<unknown>)[] = [];
  constructor(public name: string) {}

  cell(row: number, column: number): CellModel | undefined {
    return this.cells.get(`${row},${column}`);
  }
  ensure(row: number, column: number): CellModel {
    const key = `${row},${column}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        value: null,
        numberFormat: 'General',
        fill: null,
        fillPattern: 'None',
        fontColor: '#000000',
        bold: false,
        fontSize: 11,
        locked: true,
        wrapText: false,
        horizontalAlignment: 'General',
        verticalAlignment: 'Bottom',
      };
      this.cells.set(key, cell);
      for (const { box, apply } of this.areaFormats)
        if (row >= box.top && row <= box.bottom && column >= box.left && column <= box.right)
          apply(cell, row, column);
    }
    return cell;
  }
  /** Bounding box of cells holding a value (and, unless valuesOnly, formatting). */
  used(valuesOnly: boolean): { top: number; left: number; bottom: number; right: number } | null {
    let box: { top: number; left: number; bottom: number; right: number } | null = null;
    for (const [key, cell] of this.cells) {
      const hasValue = cell.value !== null && cell.value !== '' ? true : cell.error !== undefined;
      const hasFormat = cell.fill !== null || cell.numberFormat !== 'General';
      if (!hasValue && (valuesOnly || !hasFormat)) continue;
      const [r, c] = key.split(',').map(Number) as [number, number];
      box = box
        ? {
            top: Math.min(box.top, r),
            left: Math.min(box.left, c),
            bottom: Math.max(box.bottom, r),
            right: Math.max(box.right, c),
          }
        : { top: r, left: c, bottom: r, right: c };
    }
    return box;
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  active = '';
  notes = new Map<string, string>();
  selection: { sheet: string; address: string } | null = null;
  syncs = 0;
  requirementSets: Record<string, string> = { ExcelApi: '1.18' };
  displayLanguage = 'zh-CN';
  theme = { bodyBackgroundColor: '#FFFFFF' };
  /**
   * 'web': Excel on the web, whose requests and responses are each limited to 5 MB ("Excel on the
   * web has a payload size limit for requests and responses of 5MB", Resource limits and
   * performance optimization for Office Add-ins). 'desktop': no such limit.
   */
  profile: 'web' | 'desktop' = 'web';
  /**
   * Whether the Office.js the add-in ships defines `workbook.notes`. The host may claim ExcelApi
   * 1.18 while the bundled Office.js (16.0.15407, 2022) has no NoteCollection: then the member is
   * undefined and calling it is a TypeError.
   */
  runtimeHasNotes = true;
  /** Cells (Sheet!A1) that carry a threaded comment: Excel refuses a note on such a cell. */
  threadedComments = new Set<string>();
  /**
   * A sync that fails for a reason outside the add-in (the connection of Excel on the web drops):
   * the sync with this number (counted like `syncs`) throws before doing anything.
   */
  failAtSync: number | null = null;
  /**
   * The other half of a dropped connection: Excel did the work of the sync with this number, but
   * its answer never came back, so the sync throws after everything in it was applied.
   */
  loseResponseAtSync: number | null = null;
  /**
   * Review → Protect Workbook (structure). Excel then refuses to add, delete, rename, move, hide or
   * unhide sheets: "Workbook protection prevents ... adding, moving, deleting, hiding, and renaming
   * worksheets" (Excel.WorkbookProtection, ExcelApi 1.7; Office support, "Protect a workbook").
   * `password` models a structure protected with one, which `unprotect()` without it cannot lift.
   */
  structure: { protected: boolean; password?: string } = { protected: false };
  /** The largest request and response of any sync so far, in characters of JSON. */
  largestRequest = 0;
  largestResponse = 0;

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  addSheet(name: string): SheetModel {
    checkSheetName(this, name);
    const sheet = new SheetModel(name);
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }
  /** What a clerk does: type into a cell, which fires onChanged like Excel. */
  async type(sheetName: string, address: string, input: string | number | null): Promise<void> {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const { top, left } = parseAddress(address);
    // Excel's grid refuses typing into a locked cell of a protected sheet (Protect Sheet: "Select
    // locked cells" still allows selecting it, not changing it), with this message.
    if (sheet.protection.protected && (sheet.cell(top, left)?.locked ?? true))
      throw officeError(
        'AccessDenied',
        '您试图更改的单元格或图表位于受保护的工作表中。若要进行更改，请取消工作表保护。您可能需要输入密码。',
      );
    enter(sheet.ensure(top, left), input);
    this.changed();
    for (const handler of sheet.handlers)
      await handler({ address, source: 'Local', changeType: 'RangeEdited' });
  }

  private listeners = new Set<() => void>();
  /** For the preview's sheet view: called after every sync and every typed cell. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Worksheet.name: "The name must be fewer than 32 characters" (office-js reference, ExcelApi 1.1);
 * Excel also refuses names with : \ / ? * [ ], a blank name, and a name another sheet has in
 * any case ("Sheet1" and "SHEET1" collide).
 */
function checkSheetName(model: WorkbookModel, name: string, except?: SheetModel): void {
  if (name.trim() === '' || Array.from(name).length > 31 || /[:\\/?*[\]]/.test(name))
    throw officeError('InvalidArgument', `工作表名称“${name}”无效。`);
  if (model.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase()))
    throw officeError('ItemAlreadyExists', `名称为“${name}”的工作表已存在。`);
}

export function officeError(code: string, message: string): Error {
  const error = new Error(message) as Error & { code: string };
  error.code = code;
  return error;
}

const ERRORS = ['#DIV/0!', '#N/A', '#NAME?', '#NULL!', '#NUM!', '#REF!', '#VALUE!', '#SPILL!', '#CALC!'];

/**
 * Switches for what the double assumes of Excel, so that the adapter's safety nets can be shown
 * to work when an assumption fails. `textFormatKeepsText`: a cell formatted as Text (`@`) keeps
 * what is written verbatim (Excel: "Text format cells are treated as text even when a number is
 * in the cell; the cell is displayed exactly as entered").
 */
export const excelBehaviour = { textFormatKeepsText: true };

/** Excel's reading of a typed or `Range.values` input. */
export function enter(cell: CellModel, input: unknown): void {
  delete cell.error;
  delete cell.formula;
  if (input === null || input === undefined || input === '') {
    cell.value = null;
    return;
  }
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input;
    return;
  }
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  if (cell.numberFormat === '@' && excelBehaviour.textFormatKeepsText) {
    cell.value = text;
    return;
  }
  if (text.startsWith("'")) {
    cell.value = text.slice(1);
    return;
  }
  if (/^[=+]/.test(text) || (/^-/.test(text) && !/^-\d+(\.\d+)?$/.test(text))) {
    cell.formula = text.startsWith('=') ? text : `=${text}`;
    // The double does not calculate; a formula of words is what Excel would call #NAME?.
    cell.error = '#NAME?';
    cell.value = null;
    return;
  }
  if (ERRORS.includes(text.toUpperCase())) {
    cell.error = text.toUpperCase();
    cell.value = null;
    return;
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) {
    cell.value = Number(text);
    return;
  }
  const percent = /^([+-]?\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    // Typing a percentage gives the cell a percent format, as Excel does.
    cell.value = Number(percent[1]) / 100;
    if (!cell.numberFormat.includes('%')) cell.numberFormat = '0%';
    return;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    // A typed ISO date becomes a date serial, as in Excel.
    cell.value =
      Math.round(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) / 86_400_000) + 25_569;
    if (cell.numberFormat === 'General') cell.numberFormat = 'yyyy-mm-dd';
    return;
  }
  const date = /^(\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (date) {
    // Excel "helps": 3-5 and 3/5 become 5 March of this year, in a date format ("Stop
    // automatically changing numbers to dates", support.microsoft.com: "12/2 changes to 2-Dec").
    cell.value = Math.round(Date.UTC(2026, Number(date[1]) - 1, Number(date[2])) / 86_400_000) + 25_569;
    cell.numberFormat = 'd-mmm';
    return;
  }
  cell.value = text;
}

function displayOf(cell: CellModel | undefined): string {
  if (!cell) return '';
  if (cell.error) return cell.error;
  if (cell.value === null) return '';
  if (typeof cell.value === 'number') {
    const fmt = cell.numberFormat;
    if (fmt.includes('%')) return `${(cell.value * 100).toFixed(fmt.includes('.0') ? 1 : 0)}%`;
    if (fmt === '0.0') return cell.value.toFixed(1);
    if (fmt === '0.00') return cell.value.toFixed(2);
    return String(cell.value);
  }
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  return cell.value;
}

function valueTypeOf(cell: CellModel | undefined): string {
  if (!cell) return 'Empty';
  if (cell.error) return 'Error';
  if (cell.value === null || cell.value === '') return 'Empty';
  if (typeof cell.value === 'number') return Number.isInteger(cell.value) ? 'Integer' : 'Double';
  if (typeof cell.value === 'boolean') return 'Boolean';
  return 'String';
}

export function columnNumber(letters: string): number {
  return letters
    .toUpperCase()
    .split('')
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
function letters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `A1`, `A1:B2`, `G:G`, `Sheet!A1` → the box, 1-based. Whole columns run to row 1,048,576. */
export function parseAddress(address: string): { top: number; left: number; bottom: number; right: number } {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [from = '', to = from] = local.replace(/\$/g, '').split(':');
  const part = (ref: string, end: boolean) => {
    const m = /^([A-Z]*)(\d*)$/i.exec(ref);
    if (!m) throw officeError('InvalidArgument', `无效地址 ${address}`);
    const col = m[1] ? columnNumber(m[1]) : end ? 16_384 : 1;
    const row = m[2] ? Number(m[2]) : end ? 1_048_576 : 1;
    return { row, col };
  };
  const a = part(from, false);
  const b = part(to, true);
  if (!/\d/.test(to) && /\d/.test(from)) b.row = a.row;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

function quoteName(sheet: string): string {
  return /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet}'`;
}

function addressOf(sheet: string, box: { top: number; left: number; bottom: number; right: number }): string {
  const a = `${letters(box.left)}${box.top}`;
  const b = `${letters(box.right)}${box.bottom}`;
  return `${quoteName(sheet)}!${a === b ? a : `${a}:${b}`}`;
}

type Op = () => void;

/** Excel on the web's limit on one request and one response (5 MB). */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What one queued call costs in a request besides its data (method, ids, paths). */
const CALL_OVERHEAD = 60;

export class FakeContext {
  readonly queue: Op[] = [];
  readonly workbook: FakeWorkbook;
  /** Characters this batch sends and the last sync received, counted as Office.js serialises them. */
  requestBytes = 0;
  responseBytes = 0;
  constructor(readonly model: WorkbookModel) {
    this.workbook = new FakeWorkbook(this);
  }
  /** A queued call and the data it carries. */
  send(data: unknown): void {
    this.requestBytes += CALL_OVERHEAD + (data === undefined ? 0 : JSON.stringify(data).length);
  }
  receive(data: unknown): void {
    this.responseBytes += JSON.stringify(data).length;
  }
  async sync(): Promise<void> {
    this.model.syncs++;
    const ops = this.queue.splice(0);
    if (this.model.failAtSync === this.model.syncs)
      throw officeError('GeneralException', 'The connection to Excel was lost.');
    const request = this.requestBytes + ops.length * CALL_OVERHEAD;
    this.requestBytes = 0;
    this.responseBytes = 0;
    this.model.largestRequest = Math.max(this.model.largestRequest, request);
    if (this.model.profile === 'web' && request > WEB_PAYLOAD_LIMIT)
      throw officeError(
        'RequestPayloadSizeLimitExceeded',
        'The request payload size has exceeded the limit.',
      );
    try {
      for (const op of ops) op();
    } finally {
      this.model.changed();
    }
    if (this.model.loseResponseAtSync === this.model.syncs)
      throw officeError('GeneralException', 'The connection to Excel was lost.');
    this.model.largestResponse = Math.max(this.model.largestResponse, this.responseBytes);
    if (this.model.profile === 'web' && this.responseBytes > WEB_PAYLOAD_LIMIT)
      throw officeError(
        'ResponsePayloadSizeLimitExceeded',
        'The response payload size has exceeded the limit.',
      );
    await Promise.resolve();
  }
}

/** A proxy property: readable only after `load` and `sync`, as in Office.js. */
class Loaded {
  private values = new Map<string, unknown>();
  private pending = new Set<string>();
  constructor(private readonly owner: string) {}
  request(props: string[]): void {
    for (const p of props) this.pending.add(p);
  }
  set(prop: string, value: unknown): void {
    this.values.set(prop, value);
  }
  wanted(prop: string): boolean {
    return this.pending.has(prop);
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- typed like Office's proxies
  get<T>(prop: string): T {
    if (!this.values.has(prop)) {
      throw officeError(
        'PropertyNotLoaded',
        `The property '${prop}' of ${this.owner} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.values.get(prop) as T;
  }
}

function propsOf(arg: unknown): string[] {
  if (typeof arg === 'string') return arg.split(',').map((s) => s.trim());
  if (Array.isArray(arg)) return arg as string[];
  if (arg && typeof arg === 'object') return Object.keys(arg);
  return [];
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  /** Undefined where the runtime's Office.js has no NoteCollection (see runtimeHasNotes). */
  readonly notes: FakeNotes | undefined;
  readonly protection: FakeWorkbookProtection;
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.notes = ctx.model.runtimeHasNotes ? new FakeNotes(ctx) : undefined;
    this.protection = new FakeWorkbookProtection(ctx);
  }
}

/** Excel.WorkbookProtection (ExcelApi 1.7): `protected`, `protect(password?)`, `unprotect(password?)`. */
class FakeWorkbookProtection {
  private readonly loaded = new Loaded('WorkbookProtection');
  constructor(private readonly ctx: FakeContext) {}
  load(props?: unknown): this {
    const wanted = propsOf(props);
    this.ctx.queue.push(() => {
      if (wanted.includes('protected')) this.loaded.set('protected', this.ctx.model.structure.protected);
    });
    return this;
  }
  get protected(): boolean {
    return this.loaded.get('protected');
  }
  protect(password?: string): void {
    this.ctx.queue.push(() => {
      this.ctx.model.structure = password === undefined ? { protected: true } : { protected: true, password };
    });
  }
  unprotect(password?: string): void {
    this.ctx.queue.push(() => {
      const { structure } = this.ctx.model;
      if (structure.password !== undefined && structure.password !== password)
        throw officeError('InvalidArgument', '密码不正确，无法撤销工作簿保护。');
      this.ctx.model.structure = { protected: false };
    });
  }
}

/** Refuses what a protected workbook structure does not allow (see WorkbookModel.structure). */
function checkStructure(model: WorkbookModel, what: string): void {
  if (model.structure.protected)
    // The error code Excel gives here is not documented; the add-in must not depend on it.
    throw officeError('AccessDenied', `工作簿结构受保护，不能${what}。`);
}

class FakeNotes {
  constructor(private readonly ctx: FakeContext) {}
  private key(address: string): string {
    return address.replace(/\$/g, '');
  }
  add(address: string, content: string): void {
    this.ctx.send([address, content]);
    this.ctx.queue.push(() => {
      const key = this.key(address);
      // A cell holds a note or a threaded comment, not both: Excel refuses the note.
      if (this.ctx.model.threadedComments.has(key.replace(/'/g, '')))
        throw officeError('InvalidOperation', `单元格 ${key} 已有评论，不能再添加批注。`);
      this.ctx.model.notes.set(key, content);
    });
  }
  getItemOrNullObject(address: string): {
    delete(): void;
    load(props: unknown): unknown;
    readonly isNullObject: boolean;
    readonly content: string;
  } {
    const key = this.key(address);
    const ctx = this.ctx;
    let state: { exists: boolean; content: string } | undefined;
    const note = {
      delete: () => ctx.queue.push(() => ctx.model.notes.delete(key)),
      load: () => {
        ctx.queue.push(() => {
          const content = ctx.model.notes.get(key);
          state = { exists: content !== undefined, content: content ?? '' };
        });
        return note;
      },
      get isNullObject(): boolean {
        if (!state) throw officeError('PropertyNotLoaded', 'isNullObject is known only after context.sync()');
        return !state.exists;
      },
      get content(): string {
        if (!state?.exists)
          throw officeError('PropertyNotLoaded', "The property 'content' is not available.");
        return state.content;
      },
    };
    return note;
  }
}

class FakeWorksheetCollection {
  private loadedItems: FakeWorksheet[] | undefined;
  constructor(private readonly ctx: FakeContext) {}
  /**
   * `load('items/name,items/visibility')` (or the same without `items/`), as Office.js takes a
   * collection's load: the items are the sheets at the sync, with those properties loaded
   * (Excel.WorksheetCollection.items, ExcelApi 1.1).
   */
  load(props: unknown): this {
    const wanted = propsOf(props).map((p) => p.replace(/^items\//, ''));
    this.ctx.queue.push(() => {
      this.loadedItems = this.ctx.model.sheets.map((model) => {
        const sheet = new FakeWorksheet(this.ctx, () => model.name, false);
        sheet.prime(model, wanted);
        return sheet;
      });
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    if (!this.loadedItems)
      throw officeError(
        'PropertyNotLoaded',
        "The property 'items' of WorksheetCollection is not available before load and sync.",
      );
    return this.loadedItems;
  }
  add(name: string): FakeWorksheet {
    // The proxy follows its sheet through a rename, as Office.js's does (it holds the sheet's id).
    let sheet: SheetModel | undefined;
    this.ctx.queue.push(() => {
      checkStructure(this.ctx.model, '添加工作表');
      sheet = this.ctx.model.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => sheet?.name ?? name, false);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => name, false);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => name, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    let name = '';
    this.ctx.queue.push(() => (name = this.ctx.model.active));
    return new FakeWorksheet(this.ctx, () => name || this.ctx.model.active, false);
  }
}

class FakeWorksheet {
  private readonly loaded = new Loaded('Worksheet');
  private nullState: boolean | undefined;
  readonly protection: FakeProtection;
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly charts: { add: (type: string, source: FakeRange, seriesBy: string) => FakeChart };
  readonly onChanged: {
    add: (handler: (event: { address: string }) => Promise<unknown>) => {
      remove(): void;
      context: FakeContext;
    };
  };
  private renamedTo: string | undefined;
  readonly nameOf: () => string;
  constructor(
    private readonly ctx: FakeContext,
    nameOf: () => string,
    private readonly nullable: boolean,
  ) {
    this.nameOf = () => this.renamedTo ?? nameOf();
    this.protection = new FakeProtection(
      ctx,
      () => this.model(),
      () => this.ctx.model.sheet(this.nameOf()) !== undefined,
    );
    this.freezePanes = { freezeRows: (n) => ctx.queue.push(() => (this.model().frozenRows = n)) };
    this.charts = {
      add: (type, source, seriesBy) => {
        const chart: ChartModel = {
          type,
          source: '',
          seriesBy,
          title: '',
          position: null,
          legendVisible: true,
        };
        ctx.queue.push(() => {
          chart.source = source.resolvedAddress();
          this.model().charts.push(chart);
        });
        return new FakeChart(ctx, chart);
      },
    };
    this.onChanged = {
      add: (handler) => {
        ctx.queue.push(() => this.model().handlers.push(handler));
        return {
          context: ctx,
          remove: () =>
            ctx.queue.push(
              () => (this.model().handlers = this.model().handlers.filter((h) => h !== handler)),
            ),
        };
      },
    };
    if (nullable) ctx.queue.push(() => (this.nullState = !ctx.model.sheet(nameOf())));
  }
  model(): SheetModel {
    const sheet = this.ctx.model.sheet(this.nameOf());
    if (!sheet) throw officeError('ItemNotFound', `找不到工作表“${this.nameOf()}”。`);
    return sheet;
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined)
      throw officeError('PropertyNotLoaded', 'isNullObject is known only after context.sync()');
    return this.nullState;
  }
  /** Properties loaded through the collection's load, within the sync that ran it. */
  prime(sheet: SheetModel, wanted: string[]): void {
    this.nullState = false;
    this.loaded.request(wanted);
    if (wanted.includes('name')) this.loaded.set('name', sheet.name);
    if (wanted.includes('visibility')) this.loaded.set('visibility', sheet.visibility);
  }
  load(props: unknown): this {
    const wanted = propsOf(props);
    this.loaded.request(wanted);
    this.ctx.queue.push(() => {
      const sheet = this.ctx.model.sheet(this.nameOf());
      if (!sheet) return;
      if (wanted.includes('name')) this.loaded.set('name', sheet.name);
      if (wanted.includes('visibility')) this.loaded.set('visibility', sheet.visibility);
    });
    return this;
  }
  get name(): string {
    return this.loaded.get('name');
  }
  set name(value: string) {
    this.ctx.queue.push(() => {
      const sheet = this.model();
      // Even to the name it has: whether Excel lets that through is not documented, so it does not.
      checkStructure(this.ctx.model, '重命名工作表');
      checkSheetName(this.ctx.model, value, sheet);
      if (this.ctx.model.active === sheet.name) this.ctx.model.active = value;
      sheet.name = value;
      this.renamedTo = value;
    });
  }
  get visibility(): string {
    return this.loaded.get('visibility');
  }
  set visibility(value: string) {
    this.ctx.queue.push(() => {
      const sheet = this.model();
      // Even to the visibility it has (undocumented either way; the stricter reading).
      checkStructure(this.ctx.model, '隐藏或取消隐藏工作表');
      sheet.visibility = value as SheetModel['visibility'];
    });
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.ctx, this, () => parseAddress(address), false);
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      this,
      () => this.ctx.model.sheet(this.nameOf())?.used(valuesOnly) ?? null,
      true,
    );
  }
  activate(): void {
    this.ctx.queue.push(() => (this.ctx.model.active = this.model().name));
  }
  delete(): void {
    this.ctx.queue.push(() => {
      const model = this.ctx.model;
      const sheet = this.model();
      checkStructure(model, '删除工作表');
      // Worksheet.delete: "if the worksheet's visibility is set to "VeryHidden", the delete
      // operation will fail with an InvalidOperation exception" (office-js reference, ExcelApi 1.1).
      if (sheet.visibility === 'VeryHidden')
        throw officeError('InvalidOperation', `工作表“${sheet.name}”是深度隐藏的，不能删除。`);
      // A workbook must keep at least one visible sheet: Excel refuses to delete the last one.
      if (
        sheet.visibility === 'Visible' &&
        !model.sheets.some((s) => s !== sheet && s.visibility === 'Visible')
      )
        throw officeError('InvalidOperation', '工作簿至少要保留一张可见的工作表。');
      model.sheets = model.sheets.filter((s) => s.name !== this.nameOf());
      if (model.active === this.nameOf()) model.active = model.sheets[0]?.name ?? '';
    });
  }
  protect(): void {
    throw new Error('use protection.protect');
  }
}

class FakeProtection {
  private readonly loaded = new Loaded('WorksheetProtection');
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetModel,
    private readonly exists: () => boolean,
  ) {}
  load(props: unknown): this {
    const wanted = propsOf(props);
    this.ctx.queue.push(() => {
      // Loading through a null object yields nothing, without an error, as in Office.js.
      if (!this.exists()) return;
      const p = this.sheet().protection;
      if (wanted.includes('protected')) this.loaded.set('protected', p.protected);
      if (wanted.includes('options')) this.loaded.set('options', { ...p.options });
    });
    return this;
  }
  get protected(): boolean {
    return this.loaded.get('protected');
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.loaded.get('options');
  }
  protect(options: Excel.WorksheetProtectionOptions = {}, password?: string): void {
    this.ctx.queue.push(() => {
      // WorksheetProtection.protect: "Fails if the worksheet has already been protected."
      if (this.sheet().protection.protected)
        throw officeError('InvalidOperation', `工作表“${this.sheet().name}”已受保护，不能再次保护。`);
      this.sheet().protection =
        password === undefined ? { protected: true, options } : { protected: true, options, password };
    });
  }
  unprotect(password?: string): void {
    this.ctx.queue.push(() => {
      const protection = this.sheet().protection;
      // Builds of Microsoft 365 from June 2026 throw AccessDenied for unprotect() on a sheet that is
      // not protected (OfficeDev/office-js#6784, a regression report); the stricter behaviour is kept.
      if (!protection.protected) throw officeError('AccessDenied', `工作表“${this.sheet().name}”未受保护。`);
      // unprotect(password?): "Unprotects a worksheet" — a sheet protected with a password keeps its
      // protection without it (the error code Excel gives is not documented).
      if (protection.password !== undefined && protection.password !== password)
        throw officeError('InvalidArgument', `工作表“${this.sheet().name}”的保护密码不正确。`);
      this.sheet().protection = { protected: false, options: {} };
    });
  }
}

class FakeChart {
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  constructor(
    private readonly ctx: FakeContext,
    private readonly chart: ChartModel,
  ) {
    const queue = (op: Op) => this.ctx.queue.push(op);
    const model = this.chart;
    this.title = {
      set text(value: string) {
        queue(() => {
          model.title = value;
        });
      },
      get text() {
        return model.title;
      },
    };
    this.legend = {
      set visible(value: boolean) {
        queue(() => {
          model.legendVisible = value;
        });
      },
      get visible() {
        return model.legendVisible;
      },
    };
  }
  setPosition(start: string, end: string): void {
    this.ctx.queue.push(() => (this.chart.position = [start, end]));
  }
}

type Box = { top: number; left: number; bottom: number; right: number };

class FakeRange {
  private readonly loaded = new Loaded('Range');
  private nullState: boolean | undefined;
  /**
   * A used range is resolved once, where the batch meets it, as Office.js resolves a range to its
   * cells: writing blanks through it later does not shrink it to nothing under the writer's feet.
   */
  private resolved: Box | null | undefined;
  readonly format: FakeFormat;
  readonly dataValidation: FakeValidation;
  readonly conditionalFormats: { add: (type: string) => FakeConditionalFormat };
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet,
    private readonly boxOf: () => Box | null,
    nullable: boolean,
  ) {
    this.format = new FakeFormat(
      ctx,
      (fn) => {
        this.checkFormattable();
        this.eachCell(fn);
      },
      (fn) => {
        this.checkColumnsFormattable();
        this.eachColumn(fn);
      },
      (fn) => {
        this.checkRowsFormattable();
        this.eachRow(fn);
      },
    );
    this.dataValidation = new FakeValidation(
      ctx,
      () => this.resolvedAddress(),
      () => this.sheet.model(),
    );
    this.conditionalFormats = {
      add: (type) => {
        const entry = { address: '', type } as SheetModel['conditionalFormats'][number];
        ctx.queue.push(() => {
          entry.address = this.resolvedAddress();
          this.sheet.model().conditionalFormats.push(entry);
        });
        return new FakeConditionalFormat(ctx, entry);
      },
    };
    if (nullable)
      ctx.queue.push(() => {
        this.resolved = this.ctx.model.sheet(this.sheet.nameOf()) ? this.boxOf() : null;
        this.nullState = this.resolved === null;
      });
  }
  get context(): FakeContext {
    return this.ctx;
  }
  private currentBox(): Box | null {
    return this.resolved !== undefined ? this.resolved : this.boxOf();
  }
  private box(): Box {
    const box = this.currentBox();
    if (!box) throw officeError('ItemNotFound', 'The range is a null object.');
    return box;
  }
  resolvedAddress(): string {
    return addressOf(this.sheet.nameOf(), this.box());
  }
  /**
   * On a protected sheet, Excel refuses to format locked cells unless the protection allows
   * formatting cells (WorksheetProtectionOptions.allowFormatCells).
   */
  /**
   * A column's width is column formatting: a protected sheet refuses it unless its protection
   * allows formatting columns (WorksheetProtectionOptions.allowFormatColumns).
   */
  checkColumnsFormattable(): void {
    const sheet = this.sheet.model();
    if (sheet.protection.protected && !sheet.protection.options.allowFormatColumns)
      throw officeError('AccessDenied', `工作表“${sheet.name}”受保护，不能调整列宽。`);
  }
  /**
   * A row's height is row formatting: a protected sheet refuses it unless its protection allows
   * formatting rows (WorksheetProtectionOptions.allowFormatRows).
   */
  checkRowsFormattable(): void {
    const sheet = this.sheet.model();
    if (sheet.protection.protected && !sheet.protection.options.allowFormatRows)
      throw officeError('AccessDenied', `工作表“${sheet.name}”受保护，不能调整行高。`);
  }
  checkFormattable(): void {
    const sheet = this.sheet.model();
    if (!sheet.protection.protected || sheet.protection.options.allowFormatCells) return;
    const box = this.box();
    for (let r = box.top; r <= Math.min(box.bottom, box.top + 100_000); r++)
      for (let c = box.left; c <= box.right; c++)
        if (sheet.cell(r, c)?.locked !== false)
          throw officeError('AccessDenied', `工作表“${sheet.name}”受保护，不能设置锁定单元格的格式。`);
  }
  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): "if the merged areas count in this range is
   * more than 512, then this method will fail to return the result."
   */
  getMergedAreasOrNullObject(): {
    load(props: unknown): unknown;
    readonly isNullObject: boolean;
    readonly address: string;
  } {
    let state: { areas: string[] } | undefined;
    const areas = {
      load: () => {
        this.ctx.queue.push(() => {
          // Through a null range the result is a null object too, as everywhere in Office.js.
          const box = this.currentBox();
          if (this.nullState === true || !box) {
            state = { areas: [] };
            return;
          }
          const sheet = this.sheet.model();
          const inside = sheet.merges.filter((m) => {
            const b = parseAddress(m);
            return b.top <= box.bottom && b.bottom >= box.top && b.left <= box.right && b.right >= box.left;
          });
          if (inside.length > 512)
            throw officeError('GeneralException', `区域中的合并单元格超过 512 处（${inside.length}）。`);
          state = { areas: inside.map((m) => `${quoteName(sheet.name)}!${m}`) };
          this.ctx.receive(state.areas);
        });
        return areas;
      },
      get isNullObject(): boolean {
        if (!state) throw officeError('PropertyNotLoaded', 'isNullObject is known only after context.sync()');
        return state.areas.length === 0;
      },
      get address(): string {
        if (!state || state.areas.length === 0)
          throw officeError('PropertyNotLoaded', 'address is not loaded');
        return state.areas.join(',');
      },
    };
    return areas;
  }
  private eachCell(fn: (cell: CellModel, row: number, column: number) => void): void {
    const box = this.box();
    const sheet = this.sheet.model();
    // Whole columns (or the whole sheet) are formatted lazily: the cells there now at once, and
    // each cell made later in the area when it is made — as a cell typed into a formatted
    // column in Excel takes the column's format.
    if (box.bottom - box.top > 100_000) {
      for (const [key, cell] of sheet.cells) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (c >= box.left && c <= box.right) fn(cell, r, c);
      }
      sheet.areaFormats.push({ box, apply: fn });
      return;
    }
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++) fn(sheet.ensure(r, c), r, c);
  }
  private eachColumn(fn: (column: number, sheet: SheetModel) => void): void {
    const box = this.box();
    for (let c = box.left; c <= box.right; c++) fn(c, this.sheet.model());
  }
  private eachRow(fn: (row: number, sheet: SheetModel) => void): void {
    const box = this.box();
    for (let r = box.top; r <= box.bottom; r++) fn(r, this.sheet.model());
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined)
      throw officeError('PropertyNotLoaded', 'isNullObject is known only after context.sync()');
    return this.nullState;
  }
  load(props: unknown): this {
    const wanted = propsOf(props);
    this.loaded.request(wanted);
    this.ctx.queue.push(() => {
      if (this.nullState === true) return;
      const box = this.currentBox();
      if (!box) return;
      const sheet = this.sheet.model();
      const grid = <T>(fn: (cell: CellModel | undefined) => T): T[][] => {
        const rows: T[][] = [];
        for (let r = box.top; r <= box.bottom; r++) {
          const row: T[] = [];
          for (let c = box.left; c <= box.right; c++) row.push(fn(sheet.cell(r, c)));
          rows.push(row);
        }
        return rows;
      };
      const set = (prop: string, value: unknown) => {
        this.ctx.receive(value);
        this.loaded.set(prop, value);
      };
      if (wanted.includes('address')) set('address', addressOf(sheet.name, box));
      if (wanted.includes('rowCount')) set('rowCount', box.bottom - box.top + 1);
      if (wanted.includes('columnCount')) set('columnCount', box.right - box.left + 1);
      if (wanted.includes('values'))
        set(
          'values',
          grid((c) => (c?.error ? c.error : (c?.value ?? ''))),
        );
      if (wanted.includes('valueTypes')) set('valueTypes', grid(valueTypeOf));
      if (wanted.includes('numberFormat'))
        set(
          'numberFormat',
          grid((c) => c?.numberFormat ?? 'General'),
        );
      if (wanted.includes('text')) set('text', grid(displayOf));
      if (wanted.includes('formulas'))
        set(
          'formulas',
          grid((c) => c?.formula ?? c?.value ?? ''),
        );
    });
    return this;
  }
  get address(): string {
    return this.loaded.get('address');
  }
  get rowCount(): number {
    return this.loaded.get('rowCount');
  }
  get columnCount(): number {
    return this.loaded.get('columnCount');
  }
  /**
   * A 2-D array set on a range (values, numberFormat, setCellProperties — "a 2D array that
   * represents which properties to set in each cell", ExcelApi 1.9) must have the range's shape.
   */
  private checkShape(
    rows: readonly (readonly unknown[])[],
    box: { top: number; bottom: number; left: number; right: number },
  ): void {
    if (
      rows.length !== box.bottom - box.top + 1 ||
      rows.some((row) => row.length !== box.right - box.left + 1)
    )
      throw officeError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${this.resolvedAddress()}.`,
      );
  }
  get values(): unknown[][] {
    return this.loaded.get('values');
  }
  set values(values: unknown[][]) {
    this.ctx.send(values);
    this.ctx.queue.push(() => {
      const box = this.box();
      const sheet = this.sheet.model();
      this.checkShape(values, box);
      if (sheet.protection.protected) {
        for (let r = box.top; r <= box.bottom; r++) {
          for (let c = box.left; c <= box.right; c++) {
            if (sheet.cell(r, c)?.locked !== false)
              throw officeError('AccessDenied', '工作表受保护，无法修改锁定的单元格。');
          }
        }
      }
      values.forEach((row, i) => {
        row.forEach((v, j) => {
          enter(sheet.ensure(box.top + i, box.left + j), v);
        });
      });
      const address = this.resolvedAddress();
      for (const handler of sheet.handlers)
        void handler({
          address: address.slice(address.indexOf('!') + 1),
          source: 'Local',
          changeType: 'RangeEdited',
        });
    });
  }
  get valueTypes(): string[][] {
    return this.loaded.get('valueTypes');
  }
  get text(): string[][] {
    return this.loaded.get('text');
  }
  get numberFormat(): unknown[][] {
    return this.loaded.get('numberFormat');
  }
  set numberFormat(formats: unknown[][]) {
    this.ctx.send(formats);
    this.ctx.queue.push(() => {
      const box = this.box();
      const sheet = this.sheet.model();
      // A number format is formatting, which a protected sheet refuses on locked cells unless
      // it allows formatting cells.
      this.checkShape(formats, box);
      this.checkFormattable();
      formats.forEach((row, i) => {
        row.forEach((f, j) => (sheet.ensure(box.top + i, box.left + j).numberFormat = String(f)));
      });
    });
  }
  /** Range.merge(across): with `across`, each row of the range is merged on its own. */
  merge(across = false): void {
    this.ctx.queue.push(() => {
      const box = this.box();
      const merges = this.sheet.model().merges;
      if (!across) merges.push(this.resolvedAddress().split('!')[1] ?? '');
      else
        for (let r = box.top; r <= box.bottom; r++)
          merges.push(`${letters(box.left)}${r}:${letters(box.right)}${r}`);
    });
  }
  select(): void {
    this.ctx.queue.push(
      () =>
        (this.ctx.model.selection = {
          sheet: this.sheet.nameOf(),
          address: this.resolvedAddress().split('!')[1] ?? '',
        }),
    );
  }
  getCellProperties(options: Excel.CellPropertiesLoadOptions): { value: Excel.CellProperties[][] } {
    const result: { value: Excel.CellProperties[][] } = {
      get value(): Excel.CellProperties[][] {
        throw officeError('PropertyNotLoaded', 'ClientResult.value is available after context.sync()');
      },
    };
    this.ctx.queue.push(() => {
      const box = this.box();
      const sheet = this.sheet.model();
      const rows: Excel.CellProperties[][] = [];
      for (let r = box.top; r <= box.bottom; r++) {
        const row: Excel.CellProperties[] = [];
        for (let c = box.left; c <= box.right; c++) {
          const cell = sheet.cell(r, c);
          // Only what the load options ask for comes back ("Get only the properties requested in
          // this load-options object": the CellPropertiesLoadOptions reference and its sample).
          const props: Excel.CellProperties = {};
          if (options.address)
            props.address = addressOf(sheet.name, { top: r, left: c, bottom: r, right: c });
          const want = options.format;
          const format: NonNullable<Excel.CellProperties['format']> = {};
          if (want?.fill?.color || want?.fill?.pattern) {
            format.fill = {};
            // Excel reports no fill as white with the pattern None.
            if (want.fill.color) format.fill.color = cell?.fill ?? '#FFFFFF';
            if (want.fill.pattern) format.fill.pattern = cell?.fill ? 'Solid' : 'None';
          }
          if (want?.font?.color || want?.font?.bold) {
            format.font = {};
            if (want.font.color) format.font.color = cell?.fontColor ?? '#000000';
            if (want.font.bold) format.font.bold = cell?.bold ?? false;
          }
          if (want?.wrapText) format.wrapText = cell?.wrapText ?? false;
          if (Object.keys(format).length > 0) props.format = format;
          row.push(props);
        }
        rows.push(row);
      }
      this.ctx.receive(rows);
      Object.defineProperty(result, 'value', { value: rows });
    });
    return result;
  }
  setCellProperties(props: Excel.SettableCellProperties[][]): void {
    this.ctx.send(props);
    this.ctx.queue.push(() => {
      const box = this.box();
      const sheet = this.sheet.model();
      this.checkFormattable();
      this.checkShape(props, box);
      props.forEach((row, i) => {
        row.forEach((p, j) => {
          const cell = sheet.ensure(box.top + i, box.left + j);
          if (p.format?.fill?.color !== undefined) {
            if (p.format.fill.pattern === 'None') {
              cell.fill = null;
              cell.fillPattern = 'None';
            } else {
              cell.fill = p.format.fill.color;
              cell.fillPattern = 'Solid';
            }
          }
          if (p.format?.font?.color !== undefined) cell.fontColor = p.format.font.color;
          if (p.format?.font?.bold !== undefined) cell.bold = p.format.font.bold;
          if (p.format?.wrapText !== undefined) cell.wrapText = p.format.wrapText;
        });
      });
    });
  }
  /**
   * Range.getColumnProperties (ExcelApi 1.9): one entry per column of the range, with what the
   * load options ask for. A column never sized has Excel's standard width.
   */
  getColumnProperties(options: Excel.ColumnPropertiesLoadOptions): { value: Excel.ColumnProperties[] } {
    const result: { value: Excel.ColumnProperties[] } = {
      get value(): Excel.ColumnProperties[] {
        throw officeError('PropertyNotLoaded', 'ClientResult.value is available after context.sync()');
      },
    };
    this.ctx.queue.push(() => {
      const box = this.box();
      const sheet = this.sheet.model();
      const columns: Excel.ColumnProperties[] = [];
      for (let c = box.left; c <= box.right; c++) {
        const props: Excel.ColumnProperties = {};
        if (options.columnIndex) props.columnIndex = c - 1;
        if (options.format?.columnWidth)
          props.format = { columnWidth: sheet.columnWidths.get(c) ?? STANDARD_WIDTH };
        columns.push(props);
      }
      this.ctx.receive(columns);
      Object.defineProperty(result, 'value', { value: columns });
    });
    return result;
  }
  /** Range.setColumnProperties (ExcelApi 1.9): the entries in the range's column order. */
  setColumnProperties(props: Excel.SettableColumnProperties[]): void {
    this.ctx.send(props);
    this.ctx.queue.push(() => {
      const box = this.box();
      const sheet = this.sheet.model();
      this.checkColumnsFormattable();
      props.forEach((p, i) => {
        const width = p.format?.columnWidth;
        if (width !== undefined) sheet.columnWidths.set(box.left + i, width);
      });
    });
  }
}

/** Excel's standard column width in points (8.43 characters of the default font: 64 pixels). */
export const STANDARD_WIDTH = 48;

class FakeFormat {
  readonly fill: { color: string; clear(): void };
  readonly font: { color: string; bold: boolean; size: number };
  readonly protection: { locked: boolean };
  constructor(
    private readonly ctx: FakeContext,
    each: (fn: (cell: CellModel) => void) => void,
    eachColumn: (fn: (column: number, sheet: SheetModel) => void) => void,
    eachRow: (fn: (row: number, sheet: SheetModel) => void) => void,
  ) {
    const queue = (op: Op) => ctx.queue.push(op);
    this.fill = {
      set color(value: string) {
        queue(() => {
          each((c) => {
            c.fill = value;
            c.fillPattern = 'Solid';
          });
        });
      },
      get color(): string {
        throw officeError('PropertyNotLoaded', 'format.fill.color is not loaded');
      },
      clear: () =>
        queue(() => {
          each((c) => {
            c.fill = null;
            c.fillPattern = 'None';
          });
        }),
    };
    this.font = {
      set color(value: string) {
        queue(() => {
          each((c) => (c.fontColor = value));
        });
      },
      get color(): string {
        throw officeError('PropertyNotLoaded', 'format.font.color is not loaded');
      },
      set bold(value: boolean) {
        queue(() => {
          each((c) => (c.bold = value));
        });
      },
      get bold(): boolean {
        throw officeError('PropertyNotLoaded', 'format.font.bold is not loaded');
      },
      set size(value: number) {
        queue(() => {
          each((c) => (c.fontSize = value));
        });
      },
      get size(): number {
        throw officeError('PropertyNotLoaded', 'format.font.size is not loaded');
      },
    };
    this.protection = {
      set locked(value: boolean) {
        queue(() => {
          each((c) => (c.locked = value));
        });
      },
      get locked(): boolean {
        throw officeError('PropertyNotLoaded', 'format.protection.locked is not loaded');
      },
    };
    const setColumnWidth = (value: number) =>
      queue(() => {
        eachColumn((column, sheet) => sheet.columnWidths.set(column, value));
      });
    Object.defineProperty(this, 'columnWidth', { set: setColumnWidth });
    Object.defineProperty(this, 'wrapText', {
      set: (value: boolean) => queue(() => each((c) => (c.wrapText = value))),
    });
    // Alignments are enumerations (Excel.HorizontalAlignment, Excel.VerticalAlignment, ExcelApi
    // 1.1): Excel refuses any other word with InvalidArgument.
    const alignment = (name: 'horizontalAlignment' | 'verticalAlignment', allowed: readonly string[]) => ({
      set: (value: string) => {
        if (!allowed.includes(value))
          throw officeError('InvalidArgument', `format.${name} cannot be "${value}".`);
        queue(() => each((c) => ((c as unknown as Record<string, string>)[name] = value)));
      },
      get: (): string => {
        throw officeError('PropertyNotLoaded', `format.${name} is not loaded`);
      },
    });
    Object.defineProperty(
      this,
      'horizontalAlignment',
      alignment('horizontalAlignment', HORIZONTAL_ALIGNMENTS),
    );
    Object.defineProperty(this, 'verticalAlignment', alignment('verticalAlignment', VERTICAL_ALIGNMENTS));
    // RangeFormat.rowHeight (ExcelApi 1.2) sets every row of the range, in points; Excel's
    // specifications and limits put a row's height at 409 points at most.
    Object.defineProperty(this, 'rowHeight', {
      set: (value: number) => {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_ROW_HEIGHT)
          throw officeError(
            'InvalidArgument',
            `format.rowHeight must be 0 to ${MAX_ROW_HEIGHT} points, not ${value}.`,
          );
        queue(() => eachRow((row, sheet) => sheet.rowHeights.set(row, value)));
      },
      get: (): number => {
        throw officeError('PropertyNotLoaded', 'format.rowHeight is not loaded');
      },
    });
  }
}

/** Excel.HorizontalAlignment's values (ExcelApi 1.1). */
const HORIZONTAL_ALIGNMENTS = [
  'General',
  'Left',
  'Center',
  'Right',
  'Fill',
  'Justify',
  'CenterAcrossSelection',
  'Distributed',
] as const;
/** Excel.VerticalAlignment's values (ExcelApi 1.1). */
const VERTICAL_ALIGNMENTS = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'] as const;
/** "Row height: 409 points" (Excel specifications and limits). */
export const MAX_ROW_HEIGHT = 409;

class FakeValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly address: () => string,
    private readonly sheet: () => SheetModel,
  ) {}
  private entry(): ValidationModel {
    const key = this.address().split('!')[1] ?? '';
    let entry = this.sheet().validations.get(key);
    if (!entry) {
      entry = { rule: {} };
      this.sheet().validations.set(key, entry);
    }
    return entry;
  }
  set rule(rule: Excel.DataValidationRule) {
    this.ctx.queue.push(() => (this.entry().rule = rule));
  }
  set prompt(prompt: Excel.DataValidationPrompt) {
    this.ctx.queue.push(() => (this.entry().prompt = prompt));
  }
  set errorAlert(alert: Excel.DataValidationErrorAlert) {
    this.ctx.queue.push(() => (this.entry().errorAlert = alert));
  }
}

class FakeConditionalFormat {
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  };
  readonly dataBar: { barDirection: string };
  constructor(ctx: FakeContext, entry: SheetModel['conditionalFormats'][number]) {
    this.custom = {
      rule: {
        set formula(value: string) {
          ctx.queue.push(() => (entry.formula = value));
        },
        get formula(): string {
          return entry.formula ?? '';
        },
      },
      format: {
        fill: {
          set color(value: string) {
            ctx.queue.push(() => (entry.fill = value));
          },
          get color(): string {
            throw officeError('PropertyNotLoaded', 'format.fill.color is not loaded');
          },
        },
        font: {
          set color(value: string) {
            ctx.queue.push(() => (entry.fontColor = value));
          },
          get color(): string {
            throw officeError('PropertyNotLoaded', 'format.font.color is not loaded');
          },
        },
      },
    };
    this.dataBar = {
      set barDirection(value: string) {
        ctx.queue.push(() => (entry.barDirection = value));
      },
      get barDirection(): string {
        return entry.barDirection ?? 'Context';
      },
    };
  }
}

export interface OfficeDouble {
  workbook: WorkbookModel;
  /** Runs a batch the way Excel.run does, against the in-memory workbook. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  uninstall(): void;
}

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split('.').map(Number);
  const [wa = 0, wb = 0] = want.split('.').map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

/** Puts `Excel` and `Office` on the global object, backed by a fresh in-memory workbook. */
export function installOfficeDouble(workbook = new WorkbookModel()): OfficeDouble {
  const globals = globalThis as Record<string, unknown>;
  const previous = { Excel: globals.Excel, Office: globals.Office };
  const run = async <T>(...args: unknown[]): Promise<T> => {
    const batch = args[args.length - 1] as (context: Excel.RequestContext) => Promise<T>;
    const given = args.length > 1 ? (args[0] as FakeContext) : undefined;
    const context = given instanceof FakeContext ? given : new FakeContext(workbook);
    const result = await batch(context as unknown as Excel.RequestContext);
    // Excel.run syncs whatever is still queued when the batch returns.
    if (context.queue.length > 0) await context.sync();
    return result;
  };
  globals.Excel = { run };
  globals.Office = {
    context: {
      get displayLanguage() {
        return workbook.displayLanguage;
      },
      get officeTheme() {
        return workbook.theme;
      },
      get diagnostics() {
        return {
          host: 'Excel',
          platform: workbook.profile === 'web' ? 'OfficeOnline' : 'PC',
          version: '16.0.18025.20160',
        };
      },
      requirements: {
        isSetSupported: (name: string, version = '1.1') => {
          const have = workbook.requirementSets[name];
          return have !== undefined && versionAtLeast(have, version);
        },
      },
    },
    onReady: (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: 'PC' };
      callback?.(info);
      return Promise.resolve(info);
    },
  };
  return {
    workbook,
    run: run,
    uninstall: () => {
      globals.Excel = previous.Excel;
      globals.Office = previous.Office;
    },
  };
}
