import { describe, expect, it } from 'vitest';
import { chooseRoute } from './inbox.routing.ts';

const rules = [
  { id: 'r1', feedbackType: 'accessibility', serviceAreaId: null, targetUnitId: 'access-team' },
  { id: 'r2', feedbackType: null, serviceAreaId: 'health', targetUnitId: 'health-coord' },
  { id: 'r3', feedbackType: null, serviceAreaId: null, targetUnitId: 'central-coord' },
];

describe('chooseRoute', () => {
  it('sends feedback to the unit the writer chose when it is a unit that handles feedback', () => {
    const chosen = { id: 'kallio', type: 'unit', ancestorIds: ['sote', 'health', 'kallio'] };
    expect(chooseRoute('complaint', chosen, rules)).toEqual({ via: 'writer', unitId: 'kallio' });
  });

  it('uses the first matching rule by type when the writer did not know the unit', () => {
    expect(chooseRoute('accessibility', null, rules)).toEqual({
      via: 'rule',
      unitId: 'access-team',
      ruleId: 'r1',
    });
    expect(chooseRoute('idea', null, rules)).toEqual({ via: 'rule', unitId: 'central-coord', ruleId: 'r3' });
  });

  it('matches a rule by service area when the writer chose only a service area', () => {
    const chosen = { id: 'health', type: 'service_area', ancestorIds: ['sote', 'health'] };
    expect(chooseRoute('question', chosen, rules)).toEqual({
      via: 'rule',
      unitId: 'health-coord',
      ruleId: 'r2',
    });
  });

  it('falls back to the writer’s broad unit, or to nowhere, when no rule matches', () => {
    const chosen = { id: 'sote', type: 'division', ancestorIds: ['sote'] };
    expect(chooseRoute('question', chosen, [])).toEqual({ via: 'fallback', unitId: 'sote' });
    expect(chooseRoute('question', null, [])).toEqual({ via: 'fallback', unitId: null });
  });
});
