import { installOfficeDouble, type OfficeDouble } from '../office/excel-double';

/**
 * A fresh in-memory Excel for every test of the file, with the one empty sheet a new workbook
 * has, and `Excel`/`Office` taken off the global object after each test. Call at the top of a
 * test file; the object it returns stands for the current test's Excel.
 */
export function officeDoublePerTest(): OfficeDouble {
  let current: OfficeDouble | undefined;
  beforeEach(() => {
    current = installOfficeDouble();
    current.workbook.addSheet('Sheet1');
  });
  afterEach(() => {
    current?.uninstall();
    current = undefined;
  });
  const now = (): OfficeDouble => {
    if (!current) throw new Error('the in-memory Excel exists only inside a test');
    return current;
  };
  return {
    get workbook() {
      return now().workbook;
    },
    run: (batch) => now().run(batch),
    uninstall: () => now().uninstall(),
  };
}
