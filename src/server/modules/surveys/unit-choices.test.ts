import { expect, test } from 'vitest';
import { fakeOrganisation } from './surveys.fixtures.ts';
import { unitChoices } from './unit-choices.ts';

const everywhere = () => true;

test('units come in tree order, indented by depth', async () => {
  const units = await fakeOrganisation().listUnits();
  const { units: choices, truncated } = unitChoices(units, {
    query: '',
    lang: 'fi',
    mayPublishAt: everywhere,
    limit: 100,
  });
  expect(truncated).toBe(false);
  expect(choices.map((c) => [c.id, c.depth])).toEqual([
    ['div', 0],
    ['area1', 1],
    ['svc1', 2],
    ['unit1', 3],
    ['site1', 4],
    ['area2', 1],
    ['unit2', 2],
  ]);
});

test('only units inside the subtrees where the person may publish are offered', async () => {
  const units = await fakeOrganisation().listUnits();
  const { units: choices } = unitChoices(units, {
    query: '',
    lang: 'fi',
    mayPublishAt: (chain) => chain.includes('area2'),
    limit: 100,
  });
  expect(choices.map((c) => c.id)).toEqual(['area2', 'unit2']);
});

test('the search matches names regardless of case, and a long list is cut and says so', async () => {
  const units = await fakeOrganisation().listUnits();
  const found = unitChoices(units, {
    query: 'PERHENEUVOLA',
    lang: 'sv',
    mayPublishAt: everywhere,
    limit: 100,
  });
  expect(found.units.map((c) => c.id)).toEqual(['unit1', 'site1']);
  expect(found.units[0]?.name).toBe('Perheneuvola Itä');
  const cut = unitChoices(units, { query: '', lang: 'fi', mayPublishAt: everywhere, limit: 3 });
  expect(cut).toMatchObject({ truncated: true });
  expect(cut.units).toHaveLength(3);
});
