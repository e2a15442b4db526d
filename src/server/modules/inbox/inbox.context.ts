// What the inbox's service files share: dependencies, the clock, and loading an item with the principal's access
// to it (the one place where scope is decided, so no service function can forget it).
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { StaffPrincipal, StaffUserView } from '../staff/index.ts';
import type { FeedbackItem } from '../feedback/index.ts';
import type { InboxDeps, ItemAccess } from './index.ts';
import { itemAccess } from './inbox.policy.ts';

export interface InboxContext {
  deps: InboxDeps;
  now(): Date;
  ancestorIds(unitId: string | null): Promise<string[]>;
  /** The item and what the principal may do with it; NotFound when it does not exist or is out of sight. */
  load(principal: StaffPrincipal, id: string): Promise<{ item: FeedbackItem; access: ItemAccess }>;
  /** As load, but ForbiddenError unless the principal may act on the item. */
  loadForAction(principal: StaffPrincipal, id: string): Promise<FeedbackItem>;
  users(): Promise<Map<string, StaffUserView>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function notFound(): NotFoundError {
  return new NotFoundError('feedback_not_found', 'inbox.error_not_found');
}

export function forbidden(): ForbiddenError {
  return new ForbiddenError('forbidden', 'errors.forbidden');
}

export function createInboxContext(deps: InboxDeps): InboxContext {
  const now = deps.now ?? (() => new Date());
  async function ancestorIds(unitId: string | null): Promise<string[]> {
    if (unitId === null) return [];
    return (await deps.organisation.ancestors(unitId)).map((u) => u.id);
  }
  async function load(principal: StaffPrincipal, id: string) {
    if (!isUuid(id)) throw notFound();
    const item = await deps.feedback.get(id);
    if (!item) throw notFound();
    const access = itemAccess(principal, await ancestorIds(item.routedUnitId));
    // Out of scope reads exactly like missing: nobody learns which ids exist elsewhere.
    if (!access.view) throw notFound();
    return { item, access };
  }
  return {
    deps,
    now,
    ancestorIds,
    load,
    async loadForAction(principal, id) {
      const { item, access } = await load(principal, id);
      if (!access.act) throw forbidden();
      return item;
    },
    async users() {
      return new Map((await deps.staff.listUsers()).map((u) => [u.id, u]));
    },
  };
}
