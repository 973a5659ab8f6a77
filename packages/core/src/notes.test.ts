import { describe, expect, it } from 'vitest';
import { individualizedPartProblems, serviceCodeFor } from './notes.js';

describe('time-based service codes (APA Services, psychotherapy codes; domain-rules §3 [C6])', () => {
  it('codes individual psychotherapy by its published time ranges', () => {
    expect(serviceCodeFor('individual', 15)).toBeNull();
    expect(serviceCodeFor('individual', 16)).toBe('90832');
    expect(serviceCodeFor('individual', 37)).toBe('90832');
    expect(serviceCodeFor('individual', 38)).toBe('90834');
    expect(serviceCodeFor('individual', 52)).toBe('90834');
    expect(serviceCodeFor('individual', 53)).toBe('90837');
    expect(serviceCodeFor('individual', 90)).toBe('90837');
  });

  it('codes family psychotherapy with or without the patient from 26 minutes, and group sessions', () => {
    expect(serviceCodeFor('family', 25)).toBeNull();
    expect(serviceCodeFor('family', 50)).toBe('90847');
    expect(serviceCodeFor('family', 50, { withParticipant: false })).toBe('90846');
    expect(serviceCodeFor('group', 180)).toBe('90853');
    expect(serviceCodeFor('contact', 20)).toBeNull();
  });
});

describe('individualized parts of a group note', () => {
  it('refuses parts copied across attendees, whatever the spacing or case, and parts with no goal', () => {
    expect(
      individualizedPartProblems([
        { participantId: 'a', text: 'Engaged well; practised urge surfing.', goalIds: ['g1'] },
        { participantId: 'b', text: 'engaged  well; practised urge surfing. ', goalIds: ['g2'] },
        { participantId: 'c', text: 'Quiet at first, then named two triggers at work.', goalIds: [] },
      ]),
    ).toEqual([
      { participantId: 'a', problem: 'identical', sameAs: ['b'] },
      { participantId: 'b', problem: 'identical', sameAs: ['a'] },
      { participantId: 'c', problem: 'no_goal' },
    ]);
  });

  it('lets individual parts that each report on a goal through', () => {
    expect(
      individualizedPartProblems([
        {
          participantId: 'a',
          text: 'Named cravings after shifts; planned a call to a sponsor.',
          goalIds: ['g1'],
        },
        { participantId: 'b', text: 'Practised TIPP; rated distress 7 then 4.', goalIds: ['g2', 'g3'] },
      ]),
    ).toEqual([]);
  });
});
