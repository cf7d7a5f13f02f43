/**
 * The referral list (src/content/puer/hospitals.ts): the plan's 定点医院 is the
 * 市卫健委's to designate, so nothing is shown as designated without that and a
 * checked phone and address; every row says its phone and address or 待确认; a
 * provincial child and adolescent option exists. The psychology teacher sees
 * these lines on the referral form (screening.file → hospitals[].lines).
 */
import { hospitals } from '../../src/content/puer/hospitals';
import { hospitalLines, type DesignatedHospital } from '../../src/domain/catalog';
import { makeHarness } from './harness';
import { ok } from '../fixtures/reports';
import { STUDENT } from '../fixtures/screening';

test('ids are unique; a designated hospital has a checked phone and address', () => {
  expect(new Set(hospitals.map((h) => h.id)).size).toBe(hospitals.length);
  for (const h of hospitals.filter((x) => x.status === 'designated')) expect([h.id, Boolean(h.phone && h.address)]).toEqual([h.id, true]);
});

test('until the 市卫健委 designates one, the city hospitals are marked to confirm', () => {
  const city = hospitals.filter((h) => h.jurisdiction !== 'province');
  expect(city.length).toBeGreaterThan(0);
  // there is no designation on record yet: flip this when the 市卫健委 names its 1-2 hospitals
  expect(city.map((h) => h.status)).toEqual(city.map(() => 'to_confirm'));
});

test('a provincial child and adolescent referral option is on the list', () => {
  expect(hospitals.filter((h) => h.jurisdiction === 'province' && h.kind === 'child_adolescent' && h.status === 'referral')).toHaveLength(1);
});

test('the lines a teacher reads: status, phone and address, 待确认 where unknown', () => {
  const unknown: DesignatedHospital = { id: 'x', name: 'x', jurisdiction: 'city', kind: 'psychiatric', status: 'to_confirm', phone: null, address: null };
  expect(hospitalLines(unknown)).toEqual(['定点医院待市卫健委确认', '电话：待确认', '地址：待确认']);
  const known: DesignatedHospital = { ...unknown, status: 'designated', phone: '0879-0000000', address: '思茅区某路1号' };
  expect(hospitalLines(known)).toEqual(['市卫健委指定的定点医院', '电话：0879-0000000', '地址：思茅区某路1号']);
  for (const h of hospitals) expect(hospitalLines(h)).toHaveLength(3);
});

test('screening.file gives the psychology teacher every hospital with those lines', async () => {
  const h = await makeHarness('2026-11-28T02:00:00Z');
  try {
    const f = ok(await h.call('screening.file', { studentId: STUDENT }, { as: await h.as('DEMO-PSY') }));
    expect(f.hospitals.map((x: { id: string }) => x.id)).toEqual(hospitals.map((x) => x.id));
    const mental = f.hospitals.find((x: { id: string }) => x.id === 'hosp-city-mental');
    expect(mental.lines).toEqual(['定点医院待市卫健委确认', '电话：待确认', '地址：待确认']);
  } finally {
    h.close();
  }
});
