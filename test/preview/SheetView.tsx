import { useEffect, useReducer, useState } from 'react';
import type { WorkbookModel } from '../office/excel-double';

/**
 * A plain rendering of the in-memory workbook beside the pane: values and fills, sheet tabs, and
 * cells a trainer can type into (which fires the pane's change events like Excel).
 */
function letters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function SheetView({ workbook }: { workbook: WorkbookModel }) {
  const [, refresh] = useReducer((x: number) => x + 1, 0);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  // What Excel says when the cell cannot be changed (a locked cell of a protected sheet).
  const [refusal, setRefusal] = useState('');
  useEffect(() => workbook.subscribe(refresh), [workbook]);

  const visible = workbook.sheets.filter((s) => s.visibility === 'Visible');
  const sheet = workbook.sheet(workbook.active) ?? visible[0];
  const box = sheet?.used(false);
  const selected = workbook.selection;

  return (
    <section className="sheet" aria-label="模拟工作表（预览）">
      <div className="tabs" role="tablist" aria-label="工作表">
        {visible.map((s) => (
          <button
            key={s.name}
            role="tab"
            aria-selected={s === sheet}
            onClick={() => {
              workbook.active = s.name;
              workbook.changed();
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
      {refusal ? (
        <p className="refusal" role="alert">
          {refusal}
        </p>
      ) : null}
      {sheet && box ? (
        <div className="grid-wrap">
          <table
            className="grid"
            style={{
              width:
                32 +
                Array.from({ length: box.right }, (_, c) =>
                  Math.round((sheet.columnWidths.get(c + 1) ?? 64) * 0.8),
                ).reduce((a, b) => a + b, 0),
            }}
          >
            <colgroup>
              <col style={{ width: 32 }} />
              {Array.from({ length: box.right }, (_, c) => (
                // Excel's widths are in points; the preview draws them a little narrower.
                <col key={c} style={{ width: Math.round((sheet.columnWidths.get(c + 1) ?? 64) * 0.8) }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th />
                {Array.from({ length: box.right }, (_, c) => (
                  <th key={c}>{letters(c + 1)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: box.bottom }, (_, r) => (
                <tr key={r}>
                  <th>{r + 1}</th>
                  {Array.from({ length: box.right }, (_, c) => {
                    const address = `${letters(c + 1)}${r + 1}`;
                    const cell = sheet.cell(r + 1, c + 1);
                    const shown =
                      cell?.error ??
                      (cell?.value === null || cell?.value === undefined ? '' : String(cell.value));
                    const isSelected = selected?.sheet === sheet.name && selected.address === address;
                    return (
                      <td
                        key={c}
                        data-cell={address}
                        className={isSelected ? 'selected' : undefined}
                        style={{ background: cell?.fill ?? undefined, color: cell?.fontColor }}
                        onDoubleClick={() => {
                          setEditing(address);
                          setDraft(shown);
                        }}
                      >
                        {editing === address ? (
                          <input
                            autoFocus
                            aria-label={`编辑 ${address}`}
                            value={draft}
                            onChange={(e) => setDraft(e.target.value)}
                            onBlur={() => {
                              setEditing(null);
                              setRefusal('');
                              workbook
                                .type(sheet.name, address, draft)
                                .catch((error: unknown) =>
                                  setRefusal(error instanceof Error ? error.message : String(error)),
                                );
                            }}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') e.currentTarget.blur();
                            }}
                          />
                        ) : (
                          shown
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">（空白工作表）</p>
      )}
    </section>
  );
}
