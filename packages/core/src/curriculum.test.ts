import { describe, expect, it } from 'vitest';
import { coversModule, moduleCoverage, type RotationSlot, rotateModules } from './curriculum.js';

// A DBT skills group's six distress-tolerance modules, in rotation order.
const modules = [1, 2, 3, 4, 5, 6].map((n) => ({ id: `dt${n}`, position: n * 10 }));
const slot = (id: string, extra: Partial<RotationSlot> = {}): RotationSlot => ({
  id,
  cancelled: false,
  pinned: false,
  moduleId: null,
  ...extra,
});
const slots = (count: number) => Array.from({ length: count }, (_, index) => slot(`s${index + 1}`));

describe('rotateModules', () => {
  it('teaches the modules in order from the first and starts again after the last', () => {
    const assigned = rotateModules(modules, slots(8), null);
    expect([...assigned.values()]).toEqual(['dt1', 'dt2', 'dt3', 'dt4', 'dt5', 'dt6', 'dt1', 'dt2']);
  });

  it('continues after the module the group taught last', () => {
    expect([...rotateModules(modules, slots(3), 40).values()]).toEqual(['dt5', 'dt6', 'dt1']);
    // After the last one, the rotation wraps round.
    expect([...rotateModules(modules, slots(2), 60).values()]).toEqual(['dt1', 'dt2']);
  });

  it('moves a cancelled session’s module to the next session', () => {
    const assigned = rotateModules(modules, [slot('a'), slot('b', { cancelled: true }), slot('c')], null);
    expect([...assigned.entries()]).toEqual([
      ['a', 'dt1'],
      ['b', null],
      ['c', 'dt2'],
    ]);
  });

  it('leaves a pinned session’s module alone without taking a turn', () => {
    const assigned = rotateModules(
      modules,
      [slot('a'), slot('b', { pinned: true, moduleId: 'dt6' }), slot('c')],
      20,
    );
    expect([...assigned.values()]).toEqual(['dt3', 'dt6', 'dt4']);
  });

  it('picks up a module inserted after the last one taught and skips a retired one', () => {
    // dt3 was taught last (position 30) and then retired: the order goes on from what follows it.
    const current = modules.filter((module) => module.id !== 'dt3').concat({ id: 'new', position: 35 });
    expect([...rotateModules(current, slots(3), 30).values()]).toEqual(['new', 'dt4', 'dt5']);
  });

  it('assigns nothing when the modality has no modules', () => {
    expect([...rotateModules([], slots(2), null).values()]).toEqual([null, null]);
  });
});

describe('coversModule', () => {
  it('counts taking part for at least half of the session', () => {
    expect(coversModule('present', 90, 90)).toBe(true);
    expect(coversModule('telehealth', 90, 90)).toBe(true);
    expect(coversModule('late', 45, 90)).toBe(true);
    expect(coversModule('left_early', 44, 90)).toBe(false);
  });

  it('never counts an absence', () => {
    expect(coversModule('absent_excused', 0, 90)).toBe(false);
    expect(coversModule('absent_unexcused', 0, 90)).toBe(false);
  });
});

describe('moduleCoverage', () => {
  const required = [
    { id: 'dt1', required: true },
    { id: 'dt2', required: true },
    { id: 'dt3', required: true },
    { id: 'extra', required: false },
  ];

  it('marks modules covered, scheduled before discharge, at risk, or optional', () => {
    const coverage = moduleCoverage(
      required,
      [
        { sessionId: 'late', moduleId: 'dt1', date: '2026-03-10' },
        { sessionId: 'early', moduleId: 'dt1', date: '2026-03-03' },
      ],
      [
        { sessionId: 'soon', moduleId: 'dt2', date: '2026-03-31' },
        // The rotation brings dt3 round only after the planned discharge.
        { sessionId: 'after', moduleId: 'dt3', date: '2026-04-14' },
      ],
      '2026-04-01',
    );
    expect(coverage).toEqual([
      {
        moduleId: 'dt1',
        status: 'covered',
        covered: { sessionId: 'early', moduleId: 'dt1', date: '2026-03-03' },
        next: null,
      },
      {
        moduleId: 'dt2',
        status: 'scheduled',
        covered: null,
        next: { sessionId: 'soon', moduleId: 'dt2', date: '2026-03-31' },
      },
      {
        moduleId: 'dt3',
        status: 'at_risk',
        covered: null,
        next: { sessionId: 'after', moduleId: 'dt3', date: '2026-04-14' },
      },
      { moduleId: 'extra', status: 'optional', covered: null, next: null },
    ]);
  });

  it('counts a session on the planned discharge date as in time', () => {
    const [coverage] = moduleCoverage(
      [{ id: 'dt1', required: true }],
      [],
      [{ sessionId: 'last', moduleId: 'dt1', date: '2026-04-01' }],
      '2026-04-01',
    );
    expect(coverage?.status).toBe('scheduled');
  });
});
