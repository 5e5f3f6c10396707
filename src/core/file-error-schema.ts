import { z } from 'zod';
import type { FileError } from './types';

/**
 * File errors as the master stores them (报送登记's 原因代码 and 原因参数), checked when read
 * back: a reason written by this version comes back whole, with its years and names, and
 * anything else is never cast into a kind it is not.
 */

const detail = z.object({ detail: z.string().optional() });
const none = z.object({}).strict();

export const fileErrorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-a-workbook'), params: detail }),
  z.object({ kind: z.literal('damaged'), params: detail }),
  z.object({ kind: z.literal('part-damaged'), params: z.object({ part: z.string(), detail: z.string() }) }),
  z.object({
    kind: z.literal('unsupported-sheet'),
    params: z.object({ sheet: z.string(), detail: z.string() }),
  }),
  z.object({ kind: z.literal('encrypted'), params: none }),
  z.object({ kind: z.literal('xls-binary'), params: none }),
  z.object({ kind: z.literal('ods'), params: detail }),
  z.object({ kind: z.literal('csv'), params: none }),
  z.object({
    kind: z.literal('too-large'),
    params: z.discriminatedUnion('limit', [
      z.object({ limit: z.literal('file'), size: z.string(), max: z.number() }),
      z.object({ limit: z.literal('inflated'), max: z.number(), detail: z.string() }),
      z.object({ limit: z.literal('rows'), max: z.number(), at: z.string() }),
      z.object({ limit: z.literal('cells'), max: z.number() }),
      z.object({ limit: z.literal('merges'), max: z.number() }),
      z.object({ limit: z.literal('entries'), max: z.number(), detail: z.string() }),
    ]),
  }),
  z.object({ kind: z.literal('empty-workbook'), params: none }),
  z.object({ kind: z.literal('no-sheet'), params: none }),
  z.object({ kind: z.literal('no-header'), params: none }),
  z.object({ kind: z.literal('bureau-unknown'), params: z.object({ typed: z.string() }) }),
  z.object({ kind: z.literal('period-missing'), params: none }),
  z.object({
    kind: z.literal('period-mismatch'),
    params: z.object({
      period: z.number().int(),
      expected: z.number().int(),
      blank: z.literal(true).optional(),
    }),
  }),
  z.object({ kind: z.literal('duplicate-file'), params: z.object({ other: z.string() }) }),
  z.object({ kind: z.literal('blank'), params: z.object({ typed: z.number().int().min(0) }) }),
  z.object({
    kind: z.literal('wrong-template'),
    params: z.object({ visible: z.string(), meta: z.string() }),
  }),
  z.object({
    kind: z.literal('unreadable'),
    params: z.object({ cause: z.enum(['missing', 'denied', 'folder', 'other']), detail: z.string() }),
  }),
  z.object({ kind: z.literal('recorded'), params: z.object({ text: z.string() }) }),
]);

/**
 * A stored reason read back: the kind and its JSON parameters validated together; a master
 * written before the parameters were stored keeps the reason's words as they were written.
 */
export function readStoredReason(kind: string, paramsJson: string, words: string): FileError | null {
  if (!kind) return null;
  let params: unknown;
  try {
    params = paramsJson ? JSON.parse(paramsJson) : undefined;
  } catch {
    // Not JSON: read as no parameters, so the schema sends the reason to its recorded words.
  }
  const parsed = fileErrorSchema.safeParse({ kind, params });
  if (parsed.success) return parsed.data;
  return { kind: 'recorded', params: { text: words } };
}
