/**
 * The routing domain names what is wrong with a report's place or kind
 * (RoutingProblem); the reporter reads words they can act on, in Chinese,
 * from the cloud layer (handlers/report/routingMessages.ts).
 */
import { ROUTING_MESSAGES } from '../../src/cloud/handlers/report/routingMessages';
import { bullying } from '../fixtures/reports';
import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

test('every routing problem has words for the reporter', () => {
  for (const [problem, words] of Object.entries(ROUTING_MESSAGES)) {
    expect([problem, /[\u4e00-\u9fff]{6,}/.test(words)]).toEqual([problem, true]);
  }
});

test.each([
  ['no place', { schoolId: undefined }, ROUTING_MESSAGES.noPlace],
  ['an unknown school', { schoolId: 'sch-nowhere-1' }, ROUTING_MESSAGES.unknownSchool],
  ['a water report without the kind of water', { category: 'dangerous_water', schoolId: undefined, countyId: 'simao', description: '学校后门的小河没有护栏，经常有小孩在边上玩。' }, ROUTING_MESSAGES.noWaterType],
])('a report with %s is refused with the words that say what to do, and nothing is stored', async (_what, over, words) => {
  const before = await h.store.collection('cases').count();
  const res = await h.call('report.submit', Object.fromEntries(Object.entries(bullying(over)).filter(([, v]) => v !== undefined)));
  expect(res.error).toMatchObject({ code: 'BAD_INPUT', message: words });
  expect(await h.store.collection('cases').count()).toBe(before);
});
