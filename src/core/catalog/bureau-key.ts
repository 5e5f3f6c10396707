import { foldWidth } from '../text';

/**
 * Clerks type bureau names in many forms (`民政局`, `耿马县民政局`, `耿马自治县民政局`); the county
 * prefix says nothing about which bureau it is, so it is removed before comparing.
 */
export function bureauKey(name: string, county: string, countyShort: string): string {
  // \s covers the ideographic space U+3000 a Chinese IME types.
  let key = foldWidth(name).replace(/\s/g, '');
  // `耿马县` needs no prefix of its own: `耿马` is taken off, then the `县` left in front.
  const prefixes = [county, countyShort, countyShort.replace(/自治县$/, '')];
  // Longest first; an empty one (a catalog without a short name) comes last and takes nothing off.
  for (const prefix of prefixes.sort((a, b) => b.length - a.length)) {
    if (key.startsWith(prefix)) {
      key = key.slice(prefix.length);
      break;
    }
  }
  return key.replace(/^县/, '');
}
