import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { createShortLinkRepository } from './short-link.repository.ts';
import { createShortLinkService } from './short-link.service.ts';
import { generateCode } from './short-code.ts';
import { SURVEY_ID, insertFixtureRows } from './web-survey.test-kit.ts';

describe.each(testEngines())('short links on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await insertFixtureRows(database);
  });
  afterAll(() => database.close());

  test('a unit × survey keeps one code, created on first use, and the code resolves back to it', async () => {
    const links = createShortLinkService(createShortLinkRepository(database.db));
    const code = await links.codeFor(SURVEY_ID, 'kallio');
    expect(code).toMatch(/^[a-z2-9]{7}$/);
    expect(await links.codeFor(SURVEY_ID, 'kallio')).toBe(code);
    expect(await links.resolve(code.toUpperCase())).toEqual({ surveyId: SURVEY_ID, unitId: 'kallio' });
    expect(await links.resolve('zzzzzzz')).toBeUndefined();
    expect(await links.resolve('no!')).toBeUndefined();
  });

  test('two instances racing for the same pair end up with one code', async () => {
    const a = createShortLinkService(createShortLinkRepository(database.db));
    const b = createShortLinkService(createShortLinkRepository(database.db));
    const codes = await Promise.all([a.codeFor(SURVEY_ID, 'vallila'), b.codeFor(SURVEY_ID, 'vallila')]);
    expect(codes[0]).toBe(codes[1]);
    const rows = await database.db
      .selectFrom('short_links')
      .selectAll()
      .where('unit_id', '=', 'vallila')
      .execute();
    expect(rows).toHaveLength(1);
  });

  test('a random code that is already taken is retried with a new one', async () => {
    const repository = createShortLinkRepository(database.db);
    const taken = await createShortLinkService(repository).codeFor(SURVEY_ID, 'root');
    const fresh = generateCode();
    const sequence = [taken, taken, fresh];
    const links = createShortLinkService(repository, () => sequence.shift() ?? generateCode());
    expect(await links.codeFor(SURVEY_ID, 'hs')).toBe(fresh);
    expect(await links.resolve(taken)).toEqual({ surveyId: SURVEY_ID, unitId: 'root' });
  });

  test('codes for many units are created in bulk and are all different', async () => {
    const links = createShortLinkService(createShortLinkRepository(database.db));
    const ids = ['root', 'hs', 'kallio', 'vallila'];
    await links.ensureCodes(SURVEY_ID, ids);
    const codes = await links.codesFor(SURVEY_ID, ids);
    expect([...codes.keys()].sort()).toEqual([...ids].sort());
    expect(new Set(codes.values()).size).toBe(ids.length);
  });
});
