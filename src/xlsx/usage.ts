import type { Lang } from '../core';

/** Wrong usage: exit 2, with the message in the language the user asked for. */
export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string = zh,
  ) {
    super(zh);
  }
  say(lang: Lang): string {
    return lang === 'zh' ? this.zh : this.en;
  }
}
