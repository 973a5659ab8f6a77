import { instantToZoned, zoneOffsetMinutes } from './zoned-time.js';

/**
 * iCalendar (RFC 5545) feeds of sessions for phone and desktop calendars. Phones show calendar entries
 * on lock screens, so an event says "Stepwise session" with its time and place (or telehealth link)
 * and nothing clinical.
 */

export interface FeedEvent {
  /** Stable per occurrence, so a calendar updates the entry instead of adding another. */
  uid: string;
  start: Date;
  end: Date;
  location: string | null;
  telehealthUrl: string | null;
  cancelled: boolean;
}

export const feedEventTitle = 'Stepwise session';

/** RFC 5545 §3.3.11 text escaping. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF and a space, never splitting a character. */
/** UTF-8 length of one character (a code point). */
function octetsOf(char: string): number {
  const point = char.codePointAt(0) ?? 0;
  return point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
}

function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = octetsOf(char);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utcStamp = (instant: Date) => `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

function localStamp(instant: Date, zone: string): string {
  const { date, time } = instantToZoned(instant, zone);
  const seconds = String(Math.floor((instant.getTime() / 1000) % 60)).padStart(2, '0');
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}${seconds}`;
}

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}${String(absolute % 60).padStart(2, '0')}`;
};

interface Transition {
  instant: Date;
  from: number;
  to: number;
}

/** The instants in [from, to) at which the zone's offset changes, found day by day, then to the minute. */
export function zoneTransitions(zone: string, from: Date, to: Date): Transition[] {
  const day = 86_400_000;
  const found: Transition[] = [];
  let previous = zoneOffsetMinutes(zone, from);
  for (let at = from.getTime() + day; at < to.getTime() + day; at += day) {
    const offset = zoneOffsetMinutes(zone, new Date(at));
    if (offset === previous) continue;
    let low = at - day;
    let high = at;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (zoneOffsetMinutes(zone, new Date(middle)) === previous) low = middle;
      else high = middle;
    }
    found.push({ instant: new Date(high), from: previous, to: offset });
    previous = offset;
  }
  return found;
}

/**
 * A VTIMEZONE for the zone covering the events: the offset in force at the start, then one STANDARD or
 * DAYLIGHT onset per transition (moving to the larger offset is daylight time), each with its DTSTART
 * in the offset before it.
 */
function vtimezone(zone: string, from: Date, to: Date): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const transitions = zoneTransitions(zone, from, to);
  // The offset in force before the first transition, from long before any event, so that readers never
  // fall back to UTC for the first events.
  const initial = zoneOffsetMinutes(zone, from);
  const initialKind = transitions[0] && transitions[0].to < initial ? 'DAYLIGHT' : 'STANDARD';
  lines.push(
    `BEGIN:${initialKind}`,
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${offsetText(initial)}`,
    `TZOFFSETTO:${offsetText(initial)}`,
    `END:${initialKind}`,
  );
  for (const transition of transitions) {
    const kind = transition.to > transition.from ? 'DAYLIGHT' : 'STANDARD';
    const onset = new Date(transition.instant.getTime() + transition.from * 60_000).toISOString();
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${onset.slice(0, 19).replace(/[-:]/g, '')}`,
      `TZOFFSETFROM:${offsetText(transition.from)}`,
      `TZOFFSETTO:${offsetText(transition.to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * A VCALENDAR of the events in the zone: each with a stable UID, times with TZID, the place or the
 * telehealth link, and STATUS:CANCELLED for cancelled occurrences.
 */
export function renderCalendar(options: {
  name: string;
  zone: string;
  events: readonly FeedEvent[];
  now: Date;
}): string {
  const { zone, events, now } = options;
  const starts = events.map((event) => event.start.getTime());
  const from = new Date(Math.min(now.getTime(), ...starts) - 86_400_000);
  const to = new Date(Math.max(now.getTime(), ...events.map((event) => event.end.getTime())) + 86_400_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Stepwise//Sessions//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${zone}`,
    ...vtimezone(zone, from, to),
  ];
  for (const event of events) {
    const place = event.telehealthUrl ?? event.location;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=${zone}:${localStamp(event.start, zone)}`,
      `DTEND;TZID=${zone}:${localStamp(event.end, zone)}`,
      `SUMMARY:${feedEventTitle}`,
      ...(place ? [`LOCATION:${escapeText(place)}`] : []),
      ...(event.telehealthUrl ? [`URL:${event.telehealthUrl}`] : []),
      `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
