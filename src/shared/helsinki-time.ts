// Finnish wall-clock time without a time-zone library: Intl tells the offset of Europe/Helsinki at an instant,
// which is enough to find "tomorrow at 12:00 in Helsinki" across daylight-saving changes. Reports, validity dates,
// deadlines and send windows all count days as the units that gave the service do: in Finland.

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const HOUR_MS = 60 * 60 * 1000;
// Helsinki's offset changes only on whole UTC hours, so one Intl call per hour seen is enough (Intl is slow:
// tens of microseconds a call, and eligibility needs several per event).
const offsets = new Map<number, number>();

function offsetMs(at: Date): number {
  const hour = Math.floor(at.getTime() / HOUR_MS);
  const known = offsets.get(hour);
  if (known !== undefined) return known;
  const parts = Object.fromEntries(
    PARTS.formatToParts(new Date(hour * HOUR_MS)).map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  const offset = asUtc - hour * HOUR_MS;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(hour, offset);
  return offset;
}

export function helsinkiWallTime(at: Date): WallTime {
  const wall = new Date(at.getTime() + offsetMs(at));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** YYYY-MM-DD of the instant in Helsinki. */
export function helsinkiDate(at: Date): string {
  const w = helsinkiWallTime(at);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant when Helsinki clocks show the given date (day may overflow: day 32 is next month) and hour. */
export function helsinkiInstant(year: number, month: number, day: number, hour: number): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetMs(new Date(guess));
  return new Date(guess - offsetMs(new Date(first)));
}
