import type { ShortLinkService } from './index.ts';
import type { ShortLinkRepository } from './short-link.repository.ts';
import { generateCode, normaliseCode } from './short-code.ts';

const MAX_ATTEMPTS = 8;
const BATCH = 1000;

export class ShortLinkExhaustedError extends Error {
  constructor() {
    super('could not find a free short link code');
  }
}

/**
 * Codes are created with "insert … on conflict do nothing, then read back": two instances racing on the same
 * unit × survey end up with the one code that won, and a random code that happens to be taken is retried.
 */
export function createShortLinkService(
  repository: ShortLinkRepository,
  newCode: () => string = generateCode,
): ShortLinkService {
  async function codesFor(surveyId: string, unitIds: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(unitIds)];
    const codes = new Map<string, string>();
    for (let start = 0; start < wanted.length; start += BATCH) {
      const batch = wanted.slice(start, start + BATCH);
      for (let attempt = 0; ; attempt++) {
        for (const row of await repository.listForSurvey(surveyId, batch)) codes.set(row.unitId, row.code);
        const missing = batch.filter((unitId) => !codes.has(unitId));
        if (missing.length === 0) break;
        if (attempt >= MAX_ATTEMPTS) throw new ShortLinkExhaustedError();
        await repository.insertIgnoringConflicts(
          missing.map((unitId) => ({ code: newCode(), surveyId, unitId })),
        );
      }
    }
    return codes;
  }

  return {
    codesFor,
    async codeFor(surveyId, unitId) {
      const code = (await codesFor(surveyId, [unitId])).get(unitId);
      if (!code) throw new ShortLinkExhaustedError();
      return code;
    },
    async resolve(input) {
      const code = normaliseCode(input);
      if (!code) return undefined;
      const row = await repository.getByCode(code);
      return row && { surveyId: row.surveyId, unitId: row.unitId };
    },
    async ensureCodes(surveyId, unitIds) {
      await codesFor(surveyId, unitIds);
    },
  };
}
