import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { TEST_ORIGIN, signedInStaff } from '../staff/staff.testing.ts';
import { insertComment } from './analysis.testing.ts';
import type { StaffRole } from '../staff/index.ts';
import { clusterVectors, defaultK } from './clustering.ts';

// Similarity search and clustering through the whole app with the tiny real ONNX model of the embeddings adapter
// (KUULO_ANALYSIS_EMBEDDINGS_DIR pointing at its fixture directory, loaded lazily as in production).

const FIXTURE = path.join(import.meta.dirname, '../../adapters/embeddings/fixtures/tiny-embedder');

const QUEUE = [
  'Jono oli liian pitkä.',
  'Kön var lång.',
  'The queue was too long.',
  'Odotin jonossa todella pitkä odotus.',
  'Waited and waited in the queue.',
];
const PHONE = [
  'Puhelimessa ei soittoa takaisin.',
  'Ingen ringde, telefonen tyst.',
  'Nobody called, the phone was silent.',
  'Soitto puhelin ei toiminut.',
];
const FOOD = ['Ruoka oli hyvää.', 'Maten var god.', 'The food was good.', 'Lunch meal food.'];

describe.each(testEngines())('similarity search and clusters with the tiny ONNX model on %s', (engine) => {
  let t: TestKuulo;

  const staffUser = (role: StaffRole, unitId: string | null) =>
    signedInStaff({ app: t.app, staff: t.kuulo.staff.service }, role, unitId);

  beforeAll(async () => {
    t = await createTestKuulo(engine, {
      minGroupSize: 3,
      publicUrl: TEST_ORIGIN,
      analysisEmbeddingsDir: FIXTURE,
    });
    const db = t.kuulo.database.db;
    await db
      .insertInto('org_units')
      .values({ id: 'north', parent_id: null, type: 'unit', name_fi: 'north' })
      .execute();
    await db
      .insertInto('org_unit_closure')
      .values({ ancestor_id: 'north', descendant_id: 'north', depth: 0 })
      .execute();
    for (const text of [...QUEUE, ...PHONE, ...FOOD]) await insertComment(t, { unitId: 'north', text });
    await t.kuulo.analysis.service.analysePending(500);
  }, 120_000);
  afterAll(() => t.close());

  test('the comments most like a text come first, across languages', async () => {
    const analyst = await staffUser('analyst', 'north');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/similar',
      headers: {
        cookie: analyst.cookie,
        'x-csrf-token': analyst.csrf,
        origin: TEST_ORIGIN,
        'content-type': 'application/json',
      },
      payload: { unit: 'north', from: '2026-10-01', to: '2026-10-31', limit: 5, text: 'kön var lång' },
    });
    expect(response.statusCode).toBe(200);
    const results = (response.json() as { results: { text: string; score: number }[] }).results;
    expect(results).toHaveLength(5);
    expect(results[0]?.text).toBe('Kön var lång.');
    // The next ones are the other queue comments, whatever their language.
    expect(results.slice(0, 4).every((r) => QUEUE.includes(r.text))).toBe(true);
    expect(new Set(results.slice(0, 4).map((r) => r.text)).size).toBe(4);
    expect(results[0]!.score).toBeGreaterThan(results[4]!.score);
  });

  test('clusters group the comments by what they say, and only text readers of the subtree get them', async () => {
    const analyst = await staffUser('analyst', 'north');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/clusters?unit=north&from=2026-10-01&to=2026-10-31&k=3',
      headers: { cookie: analyst.cookie },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      texts: number;
      clusters: { size: number; examples: { text: string }[]; name: string | null }[];
      unclustered: number | null;
    };
    expect(body.texts).toBe(13);
    const groups = body.clusters.map((c) => c.examples.map((e) => e.text));
    const groupOf = (text: string) => groups.findIndex((g) => g.includes(text));
    expect(body.clusters.map((c) => c.size)).toEqual([5, 4, 4]);
    expect(new Set(QUEUE.map(groupOf).filter((i) => i >= 0)).size).toBe(1);
    expect(new Set(FOOD.map(groupOf).filter((i) => i >= 0)).size).toBe(1);
    expect(body.clusters[0]?.name).toBeNull();

    const viewer = await staffUser('viewer', 'north');
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/clusters?unit=north&from=2026-10-01&to=2026-10-31',
      headers: { cookie: viewer.cookie },
    });
    expect(denied.statusCode).toBe(403);
  });

  test('clusters smaller than the minimum group size are not shown, only counted when that is safe', async () => {
    const result = await t.kuulo.analysis.similarity.clusters(
      { unitId: 'north', from: '2026-10-01', to: '2026-10-31' },
      { k: 6 },
    );
    expect(result.clusters.every((c) => c.size >= 3)).toBe(true);
    const shown = result.clusters.reduce((s, c) => s + c.size, 0);
    expect(result.unclustered === null || result.unclustered === 13 - shown).toBe(true);
    if (result.unclustered !== null) expect(result.unclustered === 0 || result.unclustered >= 3).toBe(true);
  });
});

test('k-means is deterministic and the default k leaves room for groups of the minimum size', () => {
  const v = (x: number, y: number) => {
    const n = Math.hypot(x, y);
    return Float32Array.from([x / n, y / n]);
  };
  const vectors = [v(1, 0), v(1, 0.1), v(0.9, 0), v(0, 1), v(0.1, 1), v(0, 0.9)];
  const clusters = clusterVectors(vectors, { k: 2, minGroupSize: 3 });
  expect(clusters.map((c) => [...c.members].sort())).toEqual([
    [0, 1, 2],
    [3, 4, 5],
  ]);
  expect(clusterVectors(vectors, { k: 2, minGroupSize: 3 })).toEqual(clusters);
  expect(defaultK(6, 3)).toBe(2);
  expect(defaultK(2, 5)).toBe(1);
  expect(defaultK(10_000, 5)).toBe(10);
});
