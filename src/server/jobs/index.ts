// The Postgres-backed job queue: the same code on PGlite and PostgreSQL. Jobs declare a name, a payload schema
// and a handler; payloads carry IDs, never feedback text. Enqueue inside the caller's transaction so a job
// exists exactly when the data it refers to does.
export type { JobDefinition, JobQueue, Enqueue } from './queue.ts';
export { createJobQueue, defineJob } from './queue.ts';
