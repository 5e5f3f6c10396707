import { foldWidth } from '../text';

/**
 * Clerks type bureau names in many forms (`民政局`, `耿马县民政局`, `耿马自治县民政局`); the county
 * prefix says nothing about which bureau it is, so it is removed before comparing.
 */
export function bureauKey(name: string, county: string, countyShort: string): string {
  let key = foldWidth(name).replace(/[\s\u3000]/g, '');
  const prefixes = [
    county,
    countyShort,
    countyShort.replace(/自治县$/, '县'),
    countyShort.replace(/自治县$/, ''),
  ];
  for (const prefix of prefixes.sort((a, b) => b.length - a.length)) {
    if (prefix && key.startsWith(prefix)) {
      key = key.slice(prefix.length);
      break;
    }
  }
  return key.replace(/^县/, '');
}
