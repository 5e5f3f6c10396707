"""The naive combine a county IT person writes: load each workbook with openpyxl, copy column G
into one sheet, save. The peer the benchmark compares `yilao combine` with."""
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook

out = Workbook()
sheet = out.active
sheet.title = "汇总"
sheet.append(["文件", "编号", "本期完成值"])
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    wb = load_workbook(path, data_only=True)
    ws = wb["指标填报"]
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row and row[0] and str(row[0])[:2] in ("YL", "TY"):
            sheet.append([path.name, row[0], row[6] if len(row) > 6 else None])
out.save(sys.argv[2])
