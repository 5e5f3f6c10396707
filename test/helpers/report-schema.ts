import { z } from 'zod';
import { STATUSES } from '../../src/core';

/** Section 8 of the spec as a schema: the JSON of `check` and `combine` must fit it (extra fields allowed). */
const issue = z.object({
  severity: z.enum(['error', 'warning']),
  kind: z.string().min(1),
  message: z.string().min(1),
});
const status = z.enum(STATUSES as unknown as [string, ...string[]]);

export const reportSchema = z.object({
  files: z.array(
    z.object({
      file: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      convertedFrom: z.string().optional(),
      bureau: z.string().nullable(),
      period: z.number().int().nullable(),
      fileErrors: z.array(z.object({ kind: z.string().min(1), message: z.string().min(1) })),
      entries: z.array(
        z.object({
          code: z.string(),
          cell: z.string().nullable(),
          raw: z.string(),
          value: z.number().nullable(),
          status,
          expected: z.number().nullable(),
          issues: z.array(issue),
        }),
      ),
    }),
  ),
  master: z
    .array(
      z.object({
        code: z.string(),
        value: z.number().nullable(),
        status,
        bureau: z.string().nullable(),
        file: z.string().nullable(),
        conflicts: z.array(z.object({ bureau: z.string(), value: z.number() })),
      }),
    )
    .optional(),
  register: z
    .array(
      z.object({
        file: z.string(),
        bureau: z.string(),
        outcome: z.enum(['used', 'superseded', 'to-confirm', 'rejected']),
        reason: z.string().nullable(),
        text: z.string(),
        supersededBy: z.string().nullable(),
      }),
    )
    .optional(),
  pending: z
    .array(
      z.object({ bureau: z.string(), kept: z.string(), candidates: z.array(z.object({ file: z.string() })) }),
    )
    .optional(),
  notReported: z
    .array(
      z.object({
        bureau: z.string(),
        leads: z.array(z.string()),
        files: z.array(z.object({ file: z.string() })),
      }),
    )
    .optional(),
});
