const FULL = '０１２３４５６７８９';

/** A figure as a Chinese IME types it in full width: digits, point, comma and percent sign. */
export const fullWidth = (text: string): string =>
  text
    .replace(/[0-9]/g, (d) => FULL[Number(d)] ?? d)
    .replace(/\./g, '．')
    .replace(/,/g, '，')
    .replace(/%/g, '％');
