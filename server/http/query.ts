// Query-string helpers: Express gives a string, an array (repeated key) or nothing.
import type { Request, Response } from 'express';
import { z } from 'zod';

const count = z
  .string()
  .regex(/^\d{1,9}$/, 'a whole number')
  .transform(Number);

/** `offset` (default 0) and `limit` (default 50, at most `maxLimit`) of a paged list. */
export function pageQuery(maxLimit: number) {
  return {
    offset: count.optional().default(0),
    limit: count
      .pipe(z.number().min(1, 'limit must be at least 1').max(maxLimit, `limit must be at most ${maxLimit}`))
      .optional()
      .default(Math.min(50, maxLimit)),
  };
}

/** The query parsed by `schema`, or null once a 400 naming its first problem has been sent. */
export function parseQuery<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T> | null {
  const q = schema.safeParse(req.query);
  if (q.success) return q.data;
  const i = q.error.issues[0];
  res.status(400).json({ error: `${i.path.join('.') || 'query'}: ${i.message}` });
  return null;
}

export function optionalString(query: unknown, key: string): { ok: true; value: string | undefined } | { ok: false } {
  const v = (query as Record<string, unknown>)[key];
  if (v === undefined) return { ok: true, value: undefined };
  if (typeof v === 'string') return { ok: true, value: v };
  return { ok: false };
}
