import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type FeedEvent, renderCalendar, zoneTransitions } from './icalendar.js';
import { zonedToInstant } from './zoned-time.js';

const chicago = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(date, time, chicago);

const events: FeedEvent[] = [
  {
    uid: 'occurrence-1@stepwise',
    start: at('2026-03-05', '18:00'),
    end: at('2026-03-05', '21:00'),
    location: 'Group Room A, 100 Example Avenue; Springfield',
    telehealthUrl: null,
    cancelled: false,
  },
  {
    uid: 'occurrence-2@stepwise',
    start: at('2026-03-10', '18:00'),
    end: at('2026-03-10', '21:00'),
    location: null,
    telehealthUrl:
      'https://video.example.test/rooms/a-very-long-room-identifier-that-needs-folding-0123456789',
    cancelled: true,
  },
];

/** Parses the feed with ical.js, an independent RFC 5545 implementation, resolving TZIDs through the VTIMEZONE. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

describe('iCalendar feeds (RFC 5545)', () => {
  const text = renderCalendar({
    name: 'My sessions',
    zone: chicago,
    events,
    now: new Date('2026-03-01T12:00:00Z'),
  });

  it('parses back to the same instants on both sides of the daylight-saving change', () => {
    const parsed = parse(text);
    expect(parsed.map((event) => event.startDate.toJSDate().toISOString())).toEqual([
      '2026-03-06T00:00:00.000Z',
      '2026-03-10T23:00:00.000Z',
    ]);
    expect(parsed.map((event) => event.endDate.toJSDate().toISOString())).toEqual([
      '2026-03-06T03:00:00.000Z',
      '2026-03-11T02:00:00.000Z',
    ]);
    expect(parsed.map((event) => event.startDate.zone?.tzid)).toEqual([chicago, chicago]);
  });

  it('keeps UIDs, says nothing clinical, and marks cancelled occurrences', () => {
    const parsed = parse(text);
    expect(parsed.map((event) => event.uid)).toEqual(['occurrence-1@stepwise', 'occurrence-2@stepwise']);
    expect(parsed.map((event) => event.summary)).toEqual(['Stepwise session', 'Stepwise session']);
    expect(parsed[0]?.location).toBe('Group Room A, 100 Example Avenue; Springfield');
    expect(parsed[1]?.location).toMatch(/^https:\/\/video\.example\.test\/rooms\//);
    expect(parsed.map((event) => event.component.getFirstPropertyValue('status'))).toEqual([
      'CONFIRMED',
      'CANCELLED',
    ]);
  });

  it('writes CRLF lines of at most 75 octets with a VTIMEZONE for the zone', () => {
    const lines = text.split('\r\n');
    expect(lines.every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/Chicago\r\n/);
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500',
    );
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('finds a zone’s transitions to the minute, and none where there are none', () => {
    const year = [new Date('2026-01-01T00:00Z'), new Date('2027-01-01T00:00Z')] as const;
    expect(zoneTransitions(chicago, ...year)).toEqual([
      { instant: new Date('2026-03-08T08:00:00Z'), from: -360, to: -300 },
      { instant: new Date('2026-11-01T07:00:00Z'), from: -300, to: -360 },
    ]);
    expect(zoneTransitions('Asia/Kolkata', ...year)).toEqual([]);
    const kolkata = renderCalendar({
      name: 'x',
      zone: 'Asia/Kolkata',
      events,
      now: new Date('2026-03-01T00:00Z'),
    });
    expect(kolkata).toContain('TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530');
    expect(parse(kolkata)[0]?.startDate.toJSDate().toISOString()).toBe('2026-03-06T00:00:00.000Z');
  });
});
