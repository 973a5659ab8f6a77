import { setTimeout as sleep } from 'node:timers/promises';
import { BenchError } from './errors.mjs';
import { median, percentile } from './load.mjs';
import { signIn } from './scenarios.mjs';

/**
 * The check-in burst (issue "Between sessions"): every generated participant account (200 at scale
 * 10) submits its daily check-in at once, three times — today, then yesterday and the day before
 * filled in late — and each submission is sent twice (the second replaces the first, as a participant
 * correcting a slider does). Measured: throughput and latency of the submissions; then that every
 * check-in is stored exactly once; then how long the alert engine's queued evaluation takes to raise
 * the alerts the check-ins call for (half the participants report use each day; everyone's craving is
 * high, so the third day completes "craving ≥ 7 on three of the last five").
 *
 * The lag is the alert's creation time (server clock) minus the moment the check-in that completed
 * its evidence was answered (the same machine's clock), so how often the benchmark polls does not
 * change it.
 */

/** Longest the benchmark waits for the alerts before declaring that evaluation did not keep up. */
const alertWaitMs = 120_000;

/**
 * @typedef {object} CheckInRound
 * @property {number} requests
 * @property {number} rps      submissions answered per second over the round's wall time
 * @property {number} p50      latency of one submission, ms
 * @property {number} p99
 * @property {number} failures responses other than 201
 */

/**
 * @typedef {object} CheckInResult
 * @property {number} participants
 * @property {CheckInRound[]} rounds
 * @property {number} rps   median of the rounds
 * @property {number} p50
 * @property {number} p99
 * @property {number} stored        check-ins found afterwards (must be participants × 3)
 * @property {number} duplicates    days stored more than once or missing (must be 0)
 * @property {{ alerts: number, p50: number, p99: number, max: number }} lag  ms from check-in to alert
 */

/**
 * @param {string} baseUrl
 * @param {{ participants: string[], clinician: string }} logins
 * @param {string} password
 * @returns {Promise<CheckInResult>}
 */
export async function benchCheckIns(baseUrl, logins, password) {
  if (logins.participants.length === 0) throw new BenchError('generate made no participant accounts');
  const sessions = await inBatches(logins.participants, 20, async (email) => {
    const session = await signIn(baseUrl, { email, password });
    return { email, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } };
  });
  const clinician = await signIn(baseUrl, { email: logins.clinician, password });

  /** @type {CheckInRound[]} */
  const rounds = [];
  /** @type {Map<number, string>} today of each participant, as the server answered it */
  const todayOf = new Map();
  /** @type {{ participant: number, rule: string, date: string, answeredAt: number }[]} */
  const expected = [];
  for (const back of [0, 1, 2]) {
    const latencies = /** @type {number[]} */ ([]);
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (session, index) => {
        const reportsUse = (index + back) % 2 === 0;
        const today = todayOf.get(index);
        const date = back === 0 || !today ? undefined : shiftDate(today, -back);
        const body = {
          mood: 4,
          craving: 8,
          sleepHours: 6,
          used: reportsUse,
          ...(reportsUse ? { use: [{ substance: 'alcohol' }] } : {}),
          ...(date ? { date } : {}),
        };
        let answeredAt = 0;
        for (const attempt of [0, 1]) {
          const sent = performance.now();
          const response = await fetch(`${baseUrl}/api/v1/me/check-ins`, {
            method: 'POST',
            headers: { ...session.headers, 'content-type': 'application/json' },
            body: JSON.stringify({ ...body, note: attempt === 0 ? null : 'corrected' }),
          });
          const text = await response.text();
          latencies.push(performance.now() - sent);
          answeredAt = Date.now();
          if (response.status !== 201) {
            failures += 1;
            continue;
          }
          if (back === 0) todayOf.set(index, JSON.parse(text).checkIn.date);
        }
        const day = date ?? todayOf.get(index) ?? '';
        if (reportsUse)
          expected.push({ participant: index, rule: 'checkin.use_reported', date: day, answeredAt });
        if (back === 2)
          expected.push({ participant: index, rule: 'checkin.craving_high', date: day, answeredAt });
      }),
    );
    const wallMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    rounds.push({
      requests: latencies.length,
      rps: (latencies.length / wallMs) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      failures,
    });
  }
  const failed = rounds.reduce((total, round) => total + round.failures, 0);
  if (failed > 0) throw new BenchError(`${failed} check-in submissions failed`);

  // Exactly once: each participant has the three days, once each, with the correction kept.
  let stored = 0;
  let duplicates = 0;
  await inBatches(sessions, 20, async (session, index) => {
    const response = await fetch(`${baseUrl}/api/v1/me/check-ins`, { headers: session.headers });
    const list = /** @type {{ items: { date: string, note: string | null }[] }} */ (await response.json());
    const today = todayOf.get(index) ?? '';
    const wanted = [today, shiftDate(today, -1), shiftDate(today, -2)];
    const found = list.items.filter((item) => wanted.includes(item.date));
    stored += found.length;
    const distinct = new Set(found.map((item) => item.date)).size;
    if (distinct !== 3 || found.length !== 3 || found.some((item) => item.note !== 'corrected'))
      duplicates += 1;
  });
  if (duplicates > 0) {
    throw new BenchError(`${duplicates} participants do not have their three check-ins stored exactly once`);
  }

  const lag = await alertLag(baseUrl, clinician.cookie, sessions, expected);
  return {
    participants: sessions.length,
    rounds,
    rps: median(rounds.map((round) => round.rps)),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    stored,
    duplicates,
    lag,
  };
}

/**
 * Waits until every expected alert exists and returns the lag from check-in to alert.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {{ email: string, headers: Record<string, string> }[]} sessions
 * @param {{ participant: number, rule: string, date: string, answeredAt: number }[]} expected
 */
async function alertLag(baseUrl, cookie, sessions, expected) {
  const participantIds = await inBatches(sessions, 20, async (session) => {
    const response = await fetch(`${baseUrl}/api/v1/me`, { headers: session.headers });
    const me = /** @type {{ user: { participantId: string } }} */ (await response.json());
    return me.user.participantId;
  });
  const deadline = Date.now() + alertWaitMs;
  /** @type {number[]} */
  const lags = [];
  let waiting = [...new Set(expected.map((item) => item.participant))];
  while (waiting.length > 0) {
    if (Date.now() > deadline) {
      throw new BenchError(
        `alert evaluation did not keep up: ${waiting.length} participants still lacked their alerts after ${alertWaitMs / 1000} s`,
      );
    }
    const stillWaiting = await inBatches(waiting, 10, async (participant) => {
      const response = await fetch(
        `${baseUrl}/api/v1/alerts?participantId=${participantIds[participant]}&limit=100`,
        { headers: { cookie } },
      );
      if (response.status !== 200) {
        throw new BenchError(`reading alerts answered ${response.status}: ${await response.text()}`);
      }
      const alerts =
        /** @type {{ items: { rule: string, createdAt: string, evidence: Record<string, unknown> }[] }} */ (
          await response.json()
        );
      const mine = expected.filter((item) => item.participant === participant);
      const matched = mine.map((item) =>
        alerts.items.find(
          (alert) =>
            alert.rule === item.rule &&
            (item.rule !== 'checkin.use_reported' || alert.evidence.date === item.date),
        ),
      );
      if (matched.some((alert) => !alert)) return participant;
      mine.forEach((item, i) => {
        const alert = matched[i];
        if (alert) lags.push(Date.parse(alert.createdAt) - item.answeredAt);
      });
      return null;
    });
    waiting = stillWaiting.filter((participant) => participant !== null);
    if (waiting.length > 0) await sleep(250);
  }
  lags.sort((a, b) => a - b);
  return {
    alerts: lags.length,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags[lags.length - 1] ?? Number.NaN,
  };
}

/**
 * Runs `work` over `items`, `size` at a time, keeping the results in order.
 * @template T, R
 * @param {T[]} items
 * @param {number} size
 * @param {(item: T, index: number) => Promise<R>} work
 * @returns {Promise<R[]>}
 */
async function inBatches(items, size, work) {
  /** @type {R[]} */
  const results = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    results.push(...(await Promise.all(batch.map((item, offset) => work(item, start + offset)))));
  }
  return results;
}

/**
 * @param {string} date  YYYY-MM-DD
 * @param {number} days
 */
function shiftDate(date, days) {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
