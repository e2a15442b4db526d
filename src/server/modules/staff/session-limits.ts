// How long a staff session lives and how the login rate limit counts (docs/security.md).
export const SESSION_IDLE_MINUTES = 120;
export const SESSION_ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most this often: a busy staff page would otherwise write on every request. */
export const SESSION_TOUCH_SECONDS = 60;
export const LOGIN_WINDOW_MINUTES = 15;
