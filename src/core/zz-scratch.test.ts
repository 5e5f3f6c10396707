import { checkedInput } from '../../test/helpers/views';
import { combine, defaultCatalog } from '.';
const catalog = defaultCatalog();
it('scratch', () => {
  const inp = (file: string, bureau: string, figures: Record<string, number>, period: number) => checkedInput(catalog, file, bureau, figures, { period, filledOn: '2024-12-20' });
  const m1 = combine(catalog, [
    inp('民政局-2023.xlsx', '县民政局', { 'YL-02': 600 }, 2023),
    inp('卫健局-2023.xlsx', '县卫生健康局', { 'TY-03': 600 }, 2023),
    inp('人社局-早到.xlsx', '县人力资源和社会保障局', { 'YL-01': 90 }, 2024),
  ], { importedAt: '2024-01-10T08:00:00.000Z' });
  console.log(m1.period, JSON.stringify(m1.register.map(r => [r.file, r.outcome, r.reason?.kind])));
  const m2 = combine(catalog, [
    inp('人社局-后到.xlsx', '县人力资源和社会保障局', { 'YL-01': 91 }, 2024),
    inp('民政局-2024.xlsx', '县民政局', { 'YL-02': 620 }, 2024),
  ], { importedAt: '2025-01-10T08:00:00.000Z', existing: m1.state });
  console.log(m2.period, JSON.stringify(m2.pending), JSON.stringify(m2.register.map(r => [r.file, r.outcome, r.reason?.kind])));
});
