// Demo data: a Helsinki-like organisation, the national survey published everywhere, and about 50,000 synthetic
// responses over the past year, so a first start shows real figures. Writes only through other modules'
// services plus a bulk loader for responses.
export type { DemoOptions, DemoResult } from './demo.service.ts';
export { seedDemo, hasAnyUnits } from './demo.service.ts';
