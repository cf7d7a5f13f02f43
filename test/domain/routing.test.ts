/**
 * Routing follows DESIGN.md §2. The expectations below are the design table
 * written out again by hand — not read from the routing-table module — so a
 * wrong edit to the data shows up here.
 */
// The season boundaries below are instants whose China date differs from their
// UTC date (e.g. 2026-04-30T16:00Z is already 1 May in Pu'er), so an
// implementation that used the machine's zone (UTC here and in CI) fails them.

import { catalog } from '../../src/content/puer/catalog';
import { routingTable } from '../../src/content/puer/routingTable';
import type { Catalog, DeptKind } from '../../src/domain/catalog';
import {
  ACK_WITHIN_MS,
  REPORT_CATEGORIES,
  REPORT_FLAGS,
  WATER_TYPES,
  unitKey,
  type Priority,
  type ReportCategory,
  type ReportFlag,
  type WaterType,
} from '../../src/domain/report';
import {
  describeRoute,
  routeReport,
  RoutingError,
  type RouteInput,
  type RoutingTable,
} from '../../src/domain/routing';
import { chinaMonth } from '../../src/domain/chinaTime';
import { coordinatorJurisdictionsFor } from '../../src/domain/jurisdiction';

// ---- The design table, by hand --------------------------------------------

/** 'SAFETY' = the school's safety officer, 'PSYCH' = the school's psychology teacher. */
type Who = DeptKind | 'SAFETY' | 'PSYCH';
interface Row { lead: Who[]; informed: DeptKind[]; priority: Priority }

const DESIGN: Record<Exclude<ReportCategory, 'dangerous_water'>, Row> = {
  bullying:        { lead: ['SAFETY', 'edu'],    informed: [],                        priority: 'P2' },
  sexual_abuse:    { lead: ['police'],           informed: ['procuratorate', 'edu'],  priority: 'P1' },
  staff_harm:      { lead: ['edu'],              informed: [],                        priority: 'P1' },
  drugs_porn:      { lead: ['police'],           informed: ['edu'],                   priority: 'P2' },
  fraud_loans:     { lead: ['police'],           informed: ['edu'],                   priority: 'P2' },
  cult:            { lead: ['police'],           informed: ['edu'],                   priority: 'P2' },
  venues:          { lead: ['culture_tourism'],  informed: ['police'],                priority: 'P3' },
  food_goods:      { lead: ['market'],           informed: ['edu', 'health'],         priority: 'P3' },
  online:          { lead: ['cyberspace'],       informed: ['police'],                priority: 'P3' },
  tutoring:        { lead: ['edu'],              informed: [],                        priority: 'P3' },
  traffic:         { lead: ['police'],           informed: ['transport', 'edu'],      priority: 'P3' },
  campus_facility: { lead: ['SAFETY', 'edu'],    informed: ['fire'],                  priority: 'P3' },
  self_harm_risk:  { lead: ['PSYCH', 'edu'],     informed: ['health'],                priority: 'P1' },
  other:           { lead: ['edu'],              informed: [],                        priority: 'P3' },
};

/** Dangerous water: who manages that water leads; education and emergency are told. */
const WATER_LEAD: Record<WaterType, DeptKind> = {
  reservoir: 'water',
  river: 'water',
  fish_pond: 'agriculture',
  dam_pond: 'water',
  construction_pit: 'housing',
  park_water: 'housing',
  sand_pit: 'water',
};
const WATER_INFORMED: DeptKind[] = ['edu', 'emergency'];

const COUNTY_IDS = ['simao', 'ninger', 'mojiang', 'jingdong', 'jinggu', 'zhenyuan', 'jiangcheng', 'menglian', 'lancang', 'ximeng'];
/** How each place appears in its departments' names: a case in 澜沧 must never go to a 思茅 bureau. */
const PLACE_IN_NAME: Record<string, string> = {
  city: '普洱市', simao: '思茅', ninger: '宁洱', mojiang: '墨江', jingdong: '景东', jinggu: '景谷',
  zhenyuan: '镇沅', jiangcheng: '江城', menglian: '孟连', lancang: '澜沧', ximeng: '西盟',
};
/** 思茅区 has no district natural-resources bureau: the city's covers it. */
const expectedDeptId = (kind: DeptKind, jurisdiction: string) =>
  jurisdiction === 'simao' && kind === 'natural_resources' ? 'city.natural_resources' : `${jurisdiction}.${kind}`;

const expectedKey = (who: Who, jurisdiction: string, schoolId?: string): string | null => {
  if (who === 'SAFETY') return schoolId ? `school:${schoolId}:school_safety_officer` : null;
  if (who === 'PSYCH') return schoolId ? `school:${schoolId}:psych_teacher` : null;
  return expectedDeptId(who, jurisdiction);
};

// November: outside the drowning season.
const AUTUMN = new Date('2026-11-10T03:00:00Z');
const route = (input: Omit<RouteInput, 'at'> & { at?: Date }, cat: Catalog = catalog, table: RoutingTable = routingTable) =>
  routeReport({ at: AUTUMN, ...input }, cat, table);
const sorted = (xs: string[]) => [...xs].sort();

interface Place { label: string; jurisdiction: string; countyId?: string; schoolId?: string }
const PLACES: Place[] = [
  ...COUNTY_IDS.flatMap((c) => [
    { label: `${c} (no school)`, jurisdiction: c, countyId: c },
    ...catalog.schools.filter((s) => s.jurisdiction === c).map((s) => ({ label: `${c} / ${s.id}`, jurisdiction: c, schoolId: s.id })),
  ]),
  ...catalog.schools.filter((s) => s.jurisdiction === 'city').map((s) => ({ label: `city / ${s.id}`, jurisdiction: 'city', schoolId: s.id })),
];

test('the place list covers every county, with and without a school, and both city schools', () => {
  expect(new Set(PLACES.map((p) => p.jurisdiction))).toEqual(new Set([...COUNTY_IDS, 'city']));
  expect(PLACES.filter((p) => p.jurisdiction === 'city')).toHaveLength(2);
  for (const c of COUNTY_IDS) expect(PLACES.filter((p) => p.jurisdiction === c && p.schoolId).length).toBeGreaterThanOrEqual(2);
});

// ---- Every category in every place -----------------------------------------

describe.each(Object.keys(DESIGN) as (keyof typeof DESIGN)[])('%s', (category) => {
  const row = DESIGN[category];
  it.each(PLACES)('goes to the right units in $label', (place) => {
    const r = route({ category, countyId: place.countyId, schoolId: place.schoolId });
    const keys = (who: Who[]) => who.map((w) => expectedKey(w, place.jurisdiction, place.schoolId)).filter((k): k is string => k !== null);

    expect(r.jurisdiction).toBe(place.jurisdiction);
    expect(sorted(r.lead.map(unitKey))).toEqual(sorted(keys(row.lead)));
    expect(sorted(r.informed.map(unitKey))).toEqual(sorted(keys(row.informed)));
    expect(r.priority).toBe(row.priority);
    expect(sorted(r.deptIds)).toEqual(sorted([...keys(row.lead), ...keys(row.informed)]));
    // Someone always leads, and every department is one of this place's (or the city's, for a documented gap).
    expect(r.lead.length).toBeGreaterThan(0);
    for (const u of [...r.lead, ...r.informed]) {
      if (u.type === 'dept') expect(u.name).toContain(u.id.startsWith('city.') ? PLACE_IN_NAME.city : PLACE_IN_NAME[place.jurisdiction]);
      else expect(u.id).toBe(place.schoolId);
    }
  });
});

describe('school posts', () => {
  it('bullying at a school reaches that school\'s safety officer first, then the county education bureau', () => {
    const r = route({ category: 'bullying', schoolId: 'sch-lancang-2' });
    expect(r.lead).toEqual([
      { type: 'school', id: 'sch-lancang-2', name: '澜沧县勐朗镇九年一贯制学校', staffRole: 'school_safety_officer' },
      { type: 'dept', id: 'lancang.edu', name: '澜沧县教育体育局' },
    ]);
  });

  it('without a school, the education bureau still leads bullying, facility and self-harm reports', () => {
    for (const category of ['bullying', 'campus_facility', 'self_harm_risk'] as const) {
      const r = route({ category, countyId: 'jinggu' });
      expect(r.lead.map(unitKey)).toEqual(['jinggu.edu']);
      expect(r.lead.every((u) => u.type === 'dept')).toBe(true);
    }
  });

  it('self-harm risk goes to the psychology teacher, never to the safety officer', () => {
    const r = route({ category: 'self_harm_risk', schoolId: 'sch-simao-1' });
    expect(r.deptIds).toContain('school:sch-simao-1:psych_teacher');
    expect(r.deptIds).not.toContain('school:sch-simao-1:school_safety_officer');
  });

  it('a city school\'s case goes to city departments, even if the reporter also picked the county it stands in', () => {
    const r = route({ category: 'campus_facility', schoolId: 'sch-city-1', countyId: 'simao' });
    expect(r.jurisdiction).toBe('city');
    expect(sorted(r.deptIds)).toEqual(sorted(['school:sch-city-1:school_safety_officer', 'city.edu', 'city.fire']));
  });

  it('the school decides the county when school and county disagree', () => {
    const r = route({ category: 'other', schoolId: 'sch-ninger-1', countyId: 'simao' });
    expect(r.jurisdiction).toBe('ninger');
    expect(r.deptIds).toEqual(['ninger.edu']);
  });
});

// ---- Dangerous water --------------------------------------------------------

describe('dangerous water', () => {
  const cases = (Object.keys(WATER_LEAD) as WaterType[]).flatMap((waterType) =>
    COUNTY_IDS.map((countyId) => ({ waterType, countyId })),
  );

  it('the hand-written table covers every water type', () => {
    expect(sorted(Object.keys(WATER_LEAD))).toEqual(sorted([...WATER_TYPES]));
  });

  it.each(cases)('$waterType in $countyId is led by whoever manages that water', ({ waterType, countyId }) => {
    const r = route({ category: 'dangerous_water', waterType, countyId });
    expect(r.lead.map(unitKey)).toEqual([expectedDeptId(WATER_LEAD[waterType], countyId)]);
    expect(sorted(r.informed.map(unitKey))).toEqual(sorted(WATER_INFORMED.map((k) => expectedDeptId(k, countyId))));
  });

  it('a fish pond in 澜沧 in June goes to 澜沧县农业农村局, urgently', () => {
    const r = route({ category: 'dangerous_water', waterType: 'fish_pond', countyId: 'lancang', at: new Date('2026-06-15T02:00:00Z') });
    expect(describeRoute(r)).toEqual(['澜沧县农业农村局', '澜沧县教育体育局', '澜沧县应急管理局']);
    expect(r.priority).toBe('P1');
  });

  it('a water report near a school still goes by water type, with no school post', () => {
    const r = route({ category: 'dangerous_water', waterType: 'construction_pit', schoolId: 'sch-menglian-2' });
    expect(r.lead.map(unitKey)).toEqual(['menglian.housing']);
    expect(r.deptIds.some((k) => k.startsWith('school:'))).toBe(false);
  });

  it('needs a water type', () => {
    expect(() => route({ category: 'dangerous_water', countyId: 'simao' })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', problem: 'noWaterType' }),
    );
  });

  it('rejects a water type it does not know', () => {
    expect(() => route({ category: 'dangerous_water', countyId: 'simao', waterType: 'ocean' as WaterType })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', problem: 'unknownWaterType' }),
    );
  });

  it('other categories ignore a water type', () => {
    const r = route({ category: 'traffic', countyId: 'ximeng', waterType: 'river' });
    expect(r.lead.map(unitKey)).toEqual(['ximeng.police']);
  });
});

// ---- Flags --------------------------------------------------------------------

describe('follow-up answers', () => {
  const BULLYING_POLICE_FLAGS: ReportFlag[] = ['injury', 'weapon', 'extortion'];

  it.each(BULLYING_POLICE_FLAGS)('bullying with %s brings in the county police', (flag) => {
    const r = route({ category: 'bullying', schoolId: 'sch-mojiang-1', flags: { [flag]: true } });
    expect(r.informed.map(unitKey)).toEqual(['mojiang.police']);
    expect(r.lead.map(unitKey)).not.toContain('mojiang.police');
  });

  it('bullying with every flag still tells the police once', () => {
    const r = route({ category: 'bullying', countyId: 'zhenyuan', flags: { injury: true, weapon: true, extortion: true, criminal: true } });
    expect(r.informed.map(unitKey)).toEqual(['zhenyuan.police']);
    expect(new Set(r.deptIds).size).toBe(r.deptIds.length);
  });

  it('bullying answered "no" to every question stays with school and education bureau', () => {
    const r = route({ category: 'bullying', schoolId: 'sch-mojiang-1', flags: { injury: false, weapon: false, extortion: false } });
    expect(r.informed).toEqual([]);
    expect(r.deptIds).not.toContain('mojiang.police');
  });

  it('"criminal" is not one of bullying\'s questions and changes nothing there', () => {
    const r = route({ category: 'bullying', countyId: 'jingdong', flags: { criminal: true } });
    expect(r.deptIds).toEqual(['jingdong.edu']);
  });

  it('staff harm that may be a crime brings in the police', () => {
    const r = route({ category: 'staff_harm', schoolId: 'sch-jiangcheng-1', flags: { criminal: true } });
    expect(r.lead.map(unitKey)).toEqual(['jiangcheng.edu']);
    expect(r.informed.map(unitKey)).toEqual(['jiangcheng.police']);
  });

  it('staff harm without "criminal" stays with the education bureau, whatever else is flagged', () => {
    const r = route({ category: 'staff_harm', countyId: 'jiangcheng', flags: { injury: true, weapon: true, extortion: true } });
    expect(r.deptIds).toEqual(['jiangcheng.edu']);
  });

  it.each([...REPORT_FLAGS])('flag %s changes nothing for categories that do not ask it', (flag) => {
    for (const category of REPORT_CATEGORIES) {
      if (category === 'bullying' || category === 'staff_harm') continue;
      const input = { category, countyId: 'menglian', waterType: 'river' as const };
      expect(route({ ...input, flags: { [flag]: true } }).deptIds).toEqual(route(input).deptIds);
    }
  });

  it('flags never change the priority', () => {
    expect(route({ category: 'bullying', countyId: 'simao', flags: { weapon: true } }).priority).toBe('P2');
    expect(route({ category: 'staff_harm', countyId: 'simao', flags: { criminal: true } }).priority).toBe('P1');
  });
});

// ---- Season and due times --------------------------------------------------------

describe('drowning season (May-September, China time)', () => {
  const water = (iso: string) => route({ category: 'dangerous_water', waterType: 'reservoir', countyId: 'simao', at: new Date(iso) });

  it.each([
    ['2026-04-30T15:59:59Z', 'still April 30 in China', 'P2'],
    ['2026-04-30T16:00:00Z', 'already May 1 in China', 'P1'],
    ['2026-07-15T04:00:00Z', 'mid-July', 'P1'],
    ['2026-09-30T15:59:00Z', 'still September 30 in China', 'P1'],
    ['2026-09-30T16:00:00Z', 'already October 1 in China', 'P2'],
    ['2026-12-31T16:30:00Z', 'already January in China', 'P2'],
  ])('%s (%s) → %s', (iso, _why, priority) => {
    expect(water(iso).priority).toBe(priority);
  });

  it('reads the month in China time, not the machine\'s', () => {
    expect(chinaMonth(new Date('2026-04-30T16:00:00Z'))).toBe(5);
    expect(chinaMonth(new Date('2026-09-30T15:59:00Z'))).toBe(9);
    expect(chinaMonth(new Date('2026-09-30T16:00:00Z'))).toBe(10);
  });

  it('the season only makes water reports more urgent', () => {
    const july = new Date('2026-07-15T04:00:00Z');
    expect(route({ category: 'bullying', countyId: 'simao', at: july }).priority).toBe('P2');
    expect(route({ category: 'traffic', countyId: 'simao', at: july }).priority).toBe('P3');
  });

  it('a season that wraps the year end (Nov-Feb) is applied across New Year', () => {
    const table: RoutingTable = { ...routingTable, traffic: { ...routingTable.traffic, seasonal: { fromMonth: 11, toMonth: 2, priority: 'P1' } } };
    const at = (iso: string) => route({ category: 'traffic', countyId: 'simao', at: new Date(iso) }, catalog, table).priority;
    expect(at('2026-12-20T04:00:00Z')).toBe('P1');
    expect(at('2027-02-10T04:00:00Z')).toBe('P1');
    expect(at('2027-03-10T04:00:00Z')).toBe('P3');
  });
});

describe('due times', () => {
  const at = new Date('2026-11-28T02:00:00Z');
  it.each([
    ['sexual_abuse', 'P1', 3600_000],
    ['fraud_loans', 'P2', 24 * 3600_000],
    ['venues', 'P3', 3 * 24 * 3600_000],
  ] as const)('%s is %s: acknowledge within %d ms', (category, priority, ms) => {
    const r = route({ category, countyId: 'ninger', at });
    expect(r.priority).toBe(priority);
    expect(r.dueAt.getTime() - at.getTime()).toBe(ms);
    expect(ACK_WITHIN_MS[priority]).toBe(ms);
  });

  it('a water report in the season is due within the hour', () => {
    const july = new Date('2026-07-01T00:00:00Z');
    const r = route({ category: 'dangerous_water', waterType: 'river', countyId: 'ninger', at: july });
    expect(r.dueAt.toISOString()).toBe('2026-07-01T01:00:00.000Z');
  });
});

// ---- Fallback to the city ----------------------------------------------------------

describe('a county without its own bureau', () => {
  it('a county without its water bureau: its 坝塘 go to the city water bureau, the rest stays local', () => {
    const noSimaoWater: Catalog = { ...catalog, departments: catalog.departments.filter((d) => d.id !== 'simao.water') };
    const r = route({ category: 'dangerous_water', waterType: 'dam_pond', countyId: 'simao' }, noSimaoWater);
    expect(r.lead).toEqual([{ type: 'dept', id: 'city.water', name: '普洱市水务局' }]);
    expect(r.jurisdiction).toBe('simao');
    expect(sorted(r.informed.map(unitKey))).toEqual(['simao.edu', 'simao.emergency']);
  });

  it('坝塘 and river-bed sand pits are water affairs\' (the plan pairs no water with a department; see routingTable.ts)', () => {
    for (const waterType of ['dam_pond', 'sand_pit'] as const) {
      for (const countyId of ['simao', 'menglian', 'jinggu']) {
        const r = route({ category: 'dangerous_water', waterType, countyId });
        expect(r.lead.map(unitKey)).toEqual([`${countyId}.water`]);
        expect(r.lead.map(unitKey)).not.toContain(`${countyId}.agriculture`);
      }
    }
    // fish ponds stay with agriculture (fishery), building-site pits with housing
    expect(route({ category: 'dangerous_water', waterType: 'fish_pond', countyId: 'simao' }).lead.map(unitKey)).toEqual(['simao.agriculture']);
    expect(route({ category: 'dangerous_water', waterType: 'construction_pit', countyId: 'simao' }).lead.map(unitKey)).toEqual(['simao.housing']);
  });

  it('any missing kind falls back to the city department of that kind', () => {
    const withoutFire: Catalog = { ...catalog, departments: catalog.departments.filter((d) => d.id !== 'ximeng.fire') };
    const r = route({ category: 'campus_facility', schoolId: 'sch-ximeng-1' }, withoutFire);
    expect(r.informed.map(unitKey)).toEqual(['city.fire']);
    expect(r.lead.map(unitKey)).toContain('ximeng.edu');
  });

  it('a kind missing even at city level is a fault on our side, not the reporter\'s', () => {
    const noCyber: Catalog = { ...catalog, departments: catalog.departments.filter((d) => d.kind !== 'cyberspace') };
    expect(() => route({ category: 'online', countyId: 'simao' }, noCyber)).toThrow(expect.objectContaining({ code: 'INTERNAL', problem: 'noDepartment' }));
  });
});

// ---- Lead beats informed ---------------------------------------------------------------

it('a unit that is both lead and informed appears once, as lead', () => {
  const table: RoutingTable = { ...routingTable, venues: { lead: ['culture_tourism', 'police'], informed: ['police', 'edu', 'edu'], priority: 'P3' } };
  const r = route({ category: 'venues', countyId: 'jinggu' }, catalog, table);
  expect(r.lead.map(unitKey)).toEqual(['jinggu.culture_tourism', 'jinggu.police']);
  expect(r.informed.map(unitKey)).toEqual(['jinggu.edu']);
  expect(r.deptIds).toEqual(['jinggu.culture_tourism', 'jinggu.police', 'jinggu.edu']);
});

// ---- Bad input ---------------------------------------------------------------------------

describe('bad input', () => {
  // The domain names the problem; the reporter's words for it are the cloud layer's (test/cloud/report-routing-words.test.ts).
  const badInput = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(RoutingError);
      expect((e as RoutingError).code).toBe('BAD_INPUT');
      return (e as RoutingError).problem;
    }
    throw new Error('expected a BAD_INPUT error');
  };

  it('no county and no school asks the reporter to choose one', () => {
    expect(badInput(() => route({ category: 'bullying' }))).toBe('noPlace');
  });

  it('an unknown school', () => {
    expect(badInput(() => route({ category: 'bullying', schoolId: 'sch-nowhere-1' }))).toBe('unknownSchool');
  });

  it('an unknown county', () => {
    expect(badInput(() => route({ category: 'bullying', countyId: 'kunming' }))).toBe('unknownCounty');
  });

  it('"city" is not a county a reporter can pick', () => {
    expect(badInput(() => route({ category: 'other', countyId: 'city' }))).toBe('unknownCounty');
  });

  it('an unknown county next to a valid school is still rejected', () => {
    expect(badInput(() => route({ category: 'other', countyId: 'kunming', schoolId: 'sch-simao-1' }))).toBe('unknownCounty');
  });

  it('an unknown category', () => {
    expect(badInput(() => route({ category: 'gossip' as ReportCategory, countyId: 'simao' }))).toBe('unknownCategory');
  });

  it('an invalid time', () => {
    expect(badInput(() => route({ category: 'other', countyId: 'simao', at: new Date('not a date') }))).toBe('badTime');
  });
});

// ---- Names and escalation ------------------------------------------------------------------

describe('describeRoute', () => {
  it('names everyone the case went to, lead first, school posts by their role', () => {
    const r = route({ category: 'bullying', schoolId: 'sch-simao-1', flags: { injury: true } });
    expect(describeRoute(r)).toEqual(['思茅区第一中学（学校安全专干）', '思茅区教育体育局', '普洱市公安局思茅分局']);
  });

  it('names the psychology teacher and county health bureau for a self-harm report', () => {
    const r = route({ category: 'self_harm_risk', schoolId: 'sch-ninger-2' });
    expect(describeRoute(r)).toEqual(['宁洱县宁洱镇中心小学（心理健康教师）', '宁洱县教育体育局', '宁洱县卫生健康局']);
  });
});

describe('coordinatorJurisdictionsFor', () => {
  it.each(COUNTY_IDS)('a case in %s escalates to that county\'s 平安办, then the city\'s', (county) => {
    expect(coordinatorJurisdictionsFor(county)).toEqual([county, 'city']);
  });

  it('a city-level case escalates straight to the city', () => {
    expect(coordinatorJurisdictionsFor('city')).toEqual(['city']);
  });
});
