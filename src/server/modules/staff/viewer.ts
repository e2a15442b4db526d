import type { StaffViewer } from '../../../web/staff/layout.ts';
import type { StaffPrincipal } from './index.ts';

/** What the staff page shell needs to know about the signed-in person (name, CSRF token, roles for the menu). */
export function staffViewer(principal: StaffPrincipal): StaffViewer {
  return { displayName: principal.displayName, csrfToken: principal.csrfToken, roles: principal.roles };
}
