// Builds the demo organisation tree (division → service areas → services → units → sites) as import rows, plus
// what the response generator needs per unit: how busy it is and how satisfied its clients tend to be.
import type { Random } from './demo.random.ts';
import { DISTRICTS, district, type District } from './data/districts.ts';
import { DIVISION, SERVICE_AREAS, SERVICES, type ServiceSpec } from './data/services.ts';

/** An invented organisation OID: 1.2.246.10 + a made-up business ID (with a valid check digit) + .10.N.
 * The organisation itself is .10.0; units and sites are numbered .10.1, .10.2, … as in the national register. */
export const DEMO_OID_PREFIX = '1.2.246.10.29614786.10';

export interface DemoNode {
  id: string;
  parentId: string | null;
  type: 'division' | 'service_area' | 'service' | 'unit' | 'site';
  nameFi: string;
  nameSv: string;
  nameEn: string;
  oid: string | null;
}

/** A unit or site that receives responses. */
export interface ResponseTarget {
  unitId: string;
  service: ServiceSpec;
  /** Relative volume of responses. */
  weight: number;
  /** Satisfaction latent location; see demo.responses.ts. */
  quality: number;
}

export interface DemoOrganisation {
  rootId: string;
  nodes: DemoNode[];
  targets: ResponseTarget[];
  /** Service nodes where the children's survey is published. */
  childServiceIds: string[];
  /** Unit and site ids (short links are made for these). */
  unitIds: string[];
  /** Unit and site ids below the child services. */
  childUnitIds: string[];
}

/** Spread inside a service and the handful of clear outliers (about NPS 80 and NPS 20–30). */
const UNIT_SPREAD = 0.25;
const OUTLIER_BETTER = 1.1;
const OUTLIER_WORSE = -0.7;
const OUTLIERS_EACH = 5;

function pickDistricts(spec: ServiceSpec, random: Random): District[] {
  const preferred = (spec.districts ?? []).map(district);
  const rest = DISTRICTS.filter((d) => !preferred.includes(d))
    .map((d) => ({ d, key: random.next() }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.d);
  return [...preferred, ...rest].slice(0, spec.units);
}

function unitsOf(spec: ServiceSpec, random: Random): { key: string; fi: string; sv: string; en: string }[] {
  if (spec.fixed) return spec.fixed;
  return pickDistricts(spec, random).map((d) => ({
    key: `${spec.key}-${d.key}`,
    fi: spec.unitFi(d),
    sv: spec.unitSv(d),
    en: spec.unitEn(d),
  }));
}

export function buildOrganisation(random: Random): DemoOrganisation {
  let oidSeq = 0;
  const nextOid = () => `${DEMO_OID_PREFIX}.${++oidSeq}`;
  const nodes: DemoNode[] = [
    {
      id: DIVISION.id,
      parentId: null,
      type: 'division',
      nameFi: DIVISION.fi,
      nameSv: DIVISION.sv,
      nameEn: DIVISION.en,
      oid: `${DEMO_OID_PREFIX}.0`,
    },
  ];
  for (const area of SERVICE_AREAS) {
    nodes.push({ id: area.id, parentId: DIVISION.id, type: 'service_area', ...names(area), oid: null });
  }
  const targets: ResponseTarget[] = [];
  const unitIds: string[] = [];
  const childServiceIds: string[] = [];
  const childUnitIds: string[] = [];
  for (const spec of SERVICES) {
    const area = SERVICE_AREAS.find((a) => a.key === spec.area);
    if (!area) throw new Error(`demo service ${spec.key} has an unknown area`);
    const serviceId = `palvelu-${spec.key}`;
    nodes.push({ id: serviceId, parentId: area.id, type: 'service', ...names(spec), oid: null });
    if (spec.childShare) childServiceIds.push(serviceId);
    unitsOf(spec, random).forEach((unit, index) => {
      const quality = spec.quality + UNIT_SPREAD * random.normal();
      const weight = spec.volume * Math.exp(0.35 * random.normal());
      nodes.push({ id: unit.key, parentId: serviceId, type: 'unit', ...names(unit), oid: nextOid() });
      unitIds.push(unit.key);
      if (spec.childShare) childUnitIds.push(unit.key);
      const siteCount = spec.sites && index < spec.sites.onFirst ? spec.sites.count : 0;
      if (siteCount === 0) {
        targets.push({ unitId: unit.key, service: spec, weight, quality });
        return;
      }
      for (let n = 1; n <= siteCount; n++) {
        const sites = spec.sites as NonNullable<ServiceSpec['sites']>;
        const id = `${unit.key}-${n}`;
        nodes.push({
          id,
          parentId: unit.key,
          type: 'site',
          nameFi: `${unit.fi}, ${sites.fi} ${n}`,
          nameSv: `${unit.sv}, ${sites.sv} ${n}`,
          nameEn: `${unit.en}, ${sites.en} ${n}`,
          oid: nextOid(),
        });
        unitIds.push(id);
        if (spec.childShare) childUnitIds.push(id);
        targets.push({
          unitId: id,
          service: spec,
          weight: (weight / siteCount) * Math.exp(0.2 * random.normal()),
          quality: quality + 0.15 * random.normal(),
        });
      }
    });
  }
  markOutliers(targets, random);
  return { rootId: DIVISION.id, nodes, targets, childServiceIds, unitIds, childUnitIds };
}

/** A handful of busy units clearly better and clearly worse than their service: they show up in any ranking. */
function markOutliers(targets: ResponseTarget[], random: Random): void {
  const busy = targets
    .filter((t) => t.weight >= 1.5)
    .map((t) => ({ t, key: random.next() }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.t);
  busy.slice(0, OUTLIERS_EACH).forEach((t) => (t.quality = OUTLIER_BETTER + 0.1 * random.normal()));
  busy
    .slice(OUTLIERS_EACH, 2 * OUTLIERS_EACH)
    .forEach((t) => (t.quality = OUTLIER_WORSE + 0.1 * random.normal()));
}

function names(source: { fi: string; sv: string; en: string }) {
  return { nameFi: source.fi, nameSv: source.sv, nameEn: source.en };
}
