// Worker threads do not inherit tsx's loader hooks on Node 20: register them here, then load the TypeScript entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
