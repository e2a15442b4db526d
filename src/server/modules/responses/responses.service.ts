import type { ResponsesDeps, ResponsesService } from './index.ts';

export function createResponsesService(_deps: ResponsesDeps): ResponsesService {
  throw new Error('responses export: not implemented yet');
}
