export * from './errors.js';
export * from './instruments/index.js';
export * from './intake-rules.js';
export * from './level-of-care.js';
export * from './program-rules.js';
export * from './roles.js';
export * from './scheduling/recurrence.js';
export * from './scheduling/weekly-hours.js';
export * from './scheduling/zoned-time.js';
export * from './schemas/assessments.js';
export * from './schemas/audit.js';
export * from './schemas/auth.js';
export * from './schemas/common.js';
/** Health check response. */
export { healthSchema, type Instance, instanceSchema } from './schemas/health.js';
export * from './schemas/intake.js';
export * from './schemas/people.js';
export * from './schemas/scheduling.js';
export * from './schemas/structure.js';
