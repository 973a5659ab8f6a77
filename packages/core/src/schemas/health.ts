import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

/** Public facts about this installation, for the sign-in page. */
export const instanceSchema = z.object({
  /** True when the synthetic demo organisations are installed (the sign-in page then shows the demo logins). */
  demo: z.boolean(),
});
export type Instance = z.infer<typeof instanceSchema>;
