/**
 * Integrity of the Pu'er content: every id points at something real, every
 * county can be routed, the demo codes land on the records the demo story
 * needs, and the report form's questions match what routing listens to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { content } from '../../src/content';
import { catalog, countyKindsServedByCity } from '../../src/content/puer/catalog';
import { demo, demoIds } from '../../src/content/puer/demo';
import {
  DISPOSITION_NAMES,
  FLAG_NAMES,
  FLAG_QUESTIONS,
  PRIORITY_PROMISES,
  RELATION_CHOICES,
  RELATION_NAMES,
  STATUS_NAMES,
  WATER_TYPE_NAMES,
  reportCategories,
} from '../../src/content/puer/reportCategories';
import { routingTable } from '../../src/content/puer/routingTable';
import type { DeptKind, Invitation } from '../../src/domain/catalog';
import { DISPOSITIONS, REPORT_CATEGORIES, REPORT_FLAGS, RELATIONS, WATER_TYPES } from '../../src/domain/report';
import { STAFF_ROLES } from '../../src/domain/roles';

/** Written as a Record so the compiler complains here when a kind is added to the domain. */
const KIND_SET: Record<DeptKind, true> = {
  edu: true, police: true, procuratorate: true, culture_tourism: true, market: true, cyberspace: true,
  water: true, agriculture: true, housing: true, natural_resources: true, emergency: true, transport: true,
  fire: true, health: true, peace_office: true,
};
const ALL_KINDS = Object.keys(KIND_SET) as DeptKind[];

const COUNTY_NAMES: Record<string, string> = {
  simao: '思茅区',
  ninger: '宁洱哈尼族彝族自治县',
  mojiang: '墨江哈尼族自治县',
  jingdong: '景东彝族自治县',
  jinggu: '景谷傣族彝族自治县',
  zhenyuan: '镇沅彝族哈尼族拉祜族自治县',
  jiangcheng: '江城哈尼族彝族自治县',
  menglian: '孟连傣族拉祜族佤族自治县',
  lancang: '澜沧拉祜族自治县',
  ximeng: '西盟佤族自治县',
};

const unique = (xs: string[]) => new Set(xs).size === xs.length;
const duplicates = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
const CHINESE = /[\u4e00-\u9fa5]/;

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
const ageOn = (birth: string, day: string) => {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

describe('the active city', () => {
  it('is Pu\'er, exported as one content object', () => {
    expect(content.catalog.cityName).toBe('普洱市');
    expect(content.routingTable).toBe(routingTable);
    expect(content.demo.invitations).toBe(demo.invitations);
    expect(content.reportCategories).toBe(reportCategories);
  });
});

describe('counties', () => {
  it('are the ten counties and districts of Pu\'er, with their full names', () => {
    expect(Object.fromEntries(catalog.counties.map((c) => [c.id, c.name]))).toEqual(COUNTY_NAMES);
  });

  it('carry a short name for pickers, one of the full name\'s own words', () => {
    for (const c of catalog.counties) {
      expect(c.shortName).toMatch(/^..[区县]$/);
      expect(c.name.startsWith(c.shortName!.slice(0, 2))).toBe(true);
    }
  });
});

describe('departments', () => {
  it('have unique ids of the form <jurisdiction>.<kind>', () => {
    expect(duplicates(catalog.departments.map((d) => d.id))).toEqual([]);
    for (const d of catalog.departments) expect(d.id).toBe(`${d.jurisdiction}.${d.kind}`);
  });

  it('belong to a known county or the city, and are of a known kind', () => {
    const places = new Set([...catalog.counties.map((c) => c.id), 'city']);
    for (const d of catalog.departments) {
      expect(places.has(d.jurisdiction)).toBe(true);
      expect(ALL_KINDS).toContain(d.kind);
      expect(d.name).toMatch(CHINESE);
    }
  });

  it('include every kind at city level, so the fallback always finds someone', () => {
    const cityKinds = catalog.departments.filter((d) => d.jurisdiction === 'city').map((d) => d.kind);
    expect([...cityKinds].sort()).toEqual([...ALL_KINDS].sort());
  });

  it.each(Object.keys(COUNTY_NAMES))('%s has every kind, or a documented reason the city covers it', (county) => {
    for (const kind of ALL_KINDS) {
      const own = catalog.departments.some((d) => d.jurisdiction === county && d.kind === kind);
      const gap = countyKindsServedByCity.find((g) => g.county === county && g.kind === kind);
      expect({ kind, own, documentedGap: !!gap }).toEqual({ kind, own: !gap, documentedGap: !own });
      if (gap) expect(gap.why).toMatch(CHINESE);
    }
  });

  it('follow the real naming pattern', () => {
    const name = (id: string) => catalog.departments.find((d) => d.id === id)?.name;
    expect(name('simao.police')).toBe('普洱市公安局思茅分局');
    expect(name('ninger.edu')).toBe('宁洱县教育体育局');
    expect(name('city.cyberspace')).toBe('中共普洱市委网信办');
    expect(name('city.fire')).toBe('普洱市消防救援支队');
    expect(name('lancang.fire')).toBe('澜沧县消防救援大队');
    expect(name('city.health')).toBe('普洱市卫生健康委员会');
    expect(name('ximeng.health')).toBe('西盟县卫生健康局');
    expect(name('jinggu.peace_office')).toContain('平安建设领导小组办公室');
  });

  it('name their own county (or the city), never another', () => {
    for (const d of catalog.departments) {
      const place = d.jurisdiction === 'city' ? '普洱市' : catalog.counties.find((c) => c.id === d.jurisdiction)!.shortName!.slice(0, 2);
      expect(d.name).toContain(place);
    }
  });
});

describe('schools and classes (demo data)', () => {
  it('have unique ids', () => {
    expect(duplicates(catalog.schools.map((s) => s.id))).toEqual([]);
    expect(duplicates(catalog.classes.map((c) => c.id))).toEqual([]);
  });

  it.each(Object.keys(COUNTY_NAMES))('%s has a middle school and a primary or nine-year school', (county) => {
    const here = catalog.schools.filter((s) => s.jurisdiction === county);
    expect(here.length).toBeGreaterThanOrEqual(2);
    expect(here.some((s) => s.stage === 'middle')).toBe(true);
    expect(here.some((s) => s.stage === 'primary' || s.stage === 'nine_year')).toBe(true);
  });

  it('include the city-level university and vocational school', () => {
    const city = catalog.schools.filter((s) => s.jurisdiction === 'city');
    expect(city.map((s) => s.name)).toContain('普洱学院');
    expect(city.some((s) => s.stage === 'vocational' && s.name.includes('职业教育中心'))).toBe(true);
  });

  it('every school belongs to a known place and has classes', () => {
    const places = new Set([...catalog.counties.map((c) => c.id), 'city']);
    for (const s of catalog.schools) {
      expect(places.has(s.jurisdiction)).toBe(true);
      expect(catalog.classes.filter((c) => c.schoolId === s.id).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('every class points at a school and says its grade', () => {
    const schoolIds = new Set(catalog.schools.map((s) => s.id));
    const GRADE_WORD = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    for (const c of catalog.classes) {
      expect(schoolIds.has(c.schoolId)).toBe(true);
      expect(c.id.startsWith(`cls-${c.schoolId.replace('sch-', '')}-${c.grade}-`)).toBe(true);
      if (c.grade <= 9) expect(c.name).toMatch(new RegExp(`^${GRADE_WORD[c.grade]}年级（\\d+）班$`));
      else expect(c.name).toMatch(/班$/);
    }
  });

  it('grades fit the school: primary 1-6, middle 7-9, nine-year 1-9', () => {
    const range: Record<string, [number, number]> = { primary: [1, 6], middle: [7, 9], nine_year: [1, 9], vocational: [10, 12], university: [13, 17] };
    for (const c of catalog.classes) {
      const stage = catalog.schools.find((s) => s.id === c.schoolId)!.stage;
      const [lo, hi] = range[stage];
      expect(c.grade).toBeGreaterThanOrEqual(lo);
      expect(c.grade).toBeLessThanOrEqual(hi);
    }
  });
});

describe('demo people', () => {
  const student = (id?: string) => demo.students.find((s) => s.id === id);
  const klass = (id?: string) => catalog.classes.find((c) => c.id === id);
  const invitation = (code: string) => demo.invitations.find((i) => i.code === code) as Invitation;

  it('students have unique ids, real classes in their own school, and a valid birth date', () => {
    expect(unique(demo.students.map((s) => s.id))).toBe(true);
    for (const s of demo.students) {
      const c = klass(s.classId);
      expect(c?.schoolId).toBe(s.schoolId);
      expect(c?.grade).toBe(s.grade);
      expect(s.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${s.birthDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(s.birthDate);
      expect(s.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    }
  });

  it('ages fit the grades (about 6 at grade 1)', () => {
    for (const s of demo.students) expect(Math.abs(ageOn(s.birthDate, '2026-11-28') - (s.grade + 5))).toBeLessThanOrEqual(1);
  });

  it('guardianships point at students, and a child may have several guardians', () => {
    for (const g of demo.guardianships) {
      expect(student(g.studentId)).toBeDefined();
      expect(g.guardianName).toMatch(CHINESE);
      expect(g.relation).toMatch(CHINESE);
    }
    expect(demo.guardianships.filter((g) => g.studentId === demoIds.student).length).toBeGreaterThanOrEqual(2);
  });

  it('has every demo code, reusable, each once', () => {
    const codes = demo.invitations.map((i) => i.code);
    expect(duplicates(codes)).toEqual([]);
    for (const code of ['DEMO-STUDENT', 'DEMO-PARENT', 'DEMO-TEACHER', 'DEMO-PSY', 'DEMO-SAFETY', 'DEMO-POLICE', 'DEMO-EDU', 'DEMO-COORD', 'DEMO-COORD-SIMAO']) {
      expect(codes).toContain(code);
      expect(invitation(code).reusable).toBe(true);
      expect(invitation(code).label).toMatch(CHINESE);
    }
  });

  it('every binding points at records that exist and agree with each other', () => {
    const places = new Set([...catalog.counties.map((c) => c.id), 'city']);
    for (const { binding: b } of demo.invitations) {
      if (b.schoolId) expect(catalog.schools.some((s) => s.id === b.schoolId)).toBe(true);
      if (b.classId) expect(klass(b.classId)?.schoolId).toBe(b.schoolId);
      if (b.studentId) {
        expect(student(b.studentId)?.schoolId).toBe(b.schoolId);
        if (b.classId) expect(student(b.studentId)?.classId).toBe(b.classId);
      }
      if (b.deptId) expect(catalog.departments.find((d) => d.id === b.deptId)?.jurisdiction).toBe(b.jurisdiction);
      if (b.jurisdiction) expect(places.has(b.jurisdiction)).toBe(true);
      // Staff are named in case timelines; students and guardians never are.
      if (STAFF_ROLES.includes(b.role)) expect(b.displayName).toMatch(CHINESE);
      else expect(b.displayName).toBeUndefined();
    }
  });

  it('DEMO-STUDENT is a 13-year-old in grade 8 at a 思茅区 middle school; a classmate is 14 or older', () => {
    const b = invitation('DEMO-STUDENT').binding;
    const s = student(b.studentId)!;
    const school = catalog.schools.find((x) => x.id === s.schoolId)!;
    expect(b.role).toBe('student');
    expect(s.grade).toBe(8);
    expect(school).toMatchObject({ jurisdiction: 'simao', stage: 'middle' });
    expect(ageOn(s.birthDate, '2026-11-28')).toBe(13);
    const older = demo.students.filter((x) => x.classId === s.classId && x.id !== s.id && ageOn(x.birthDate, '2026-11-28') >= 14);
    expect(older.length).toBeGreaterThanOrEqual(1);
    expect(older.map((x) => x.id)).toContain(demoIds.olderStudent);
  });

  it('the demo roles all meet around DEMO-STUDENT', () => {
    const s = invitation('DEMO-STUDENT').binding;
    expect(invitation('DEMO-PARENT').binding).toMatchObject({ role: 'guardian', studentId: s.studentId });
    expect(invitation('DEMO-TEACHER').binding).toMatchObject({ role: 'class_teacher', schoolId: s.schoolId, classId: s.classId });
    expect(invitation('DEMO-PSY').binding).toMatchObject({ role: 'psych_teacher', schoolId: s.schoolId });
    expect(invitation('DEMO-SAFETY').binding).toMatchObject({ role: 'school_safety_officer', schoolId: s.schoolId });
    expect(invitation('DEMO-POLICE').binding).toMatchObject({ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' });
    expect(invitation('DEMO-EDU').binding).toMatchObject({ role: 'handler', deptId: 'simao.edu', jurisdiction: 'simao' });
    expect(invitation('DEMO-COORD').binding).toMatchObject({ role: 'coordinator', jurisdiction: 'city' });
    expect(invitation('DEMO-COORD-SIMAO').binding).toMatchObject({ role: 'coordinator', jurisdiction: 'simao' });
  });
});

describe('report copy', () => {
  it('describes every category exactly once, "other" last', () => {
    expect(reportCategories.map((c) => c.id).sort()).toEqual([...REPORT_CATEGORIES].sort());
    expect(reportCategories[reportCategories.length - 1].id).toBe('other');
  });

  it('uses short names and child-sized descriptions', () => {
    for (const c of reportCategories) {
      expect(c.name).toMatch(CHINESE);
      expect(c.name.length).toBeLessThanOrEqual(24);
      expect(c.description).toMatch(CHINESE);
      expect(c.description.length).toBeLessThanOrEqual(90);
      expect(c.emoji.length).toBeGreaterThan(0);
    }
  });

  it('uses icons that exist in taro-ui', () => {
    const scss = readFileSync(path.join(__dirname, '../../node_modules/taro-ui/lib/style/components/icon.scss'), 'utf8');
    for (const c of reportCategories) expect(scss).toContain(`at-icon-${c.icon}::before`);
  });

  it('asks exactly the questions the routing table listens to', () => {
    for (const c of reportCategories) {
      const rule = routingTable[c.id];
      expect([...c.flags].sort()).toEqual(Object.keys(rule.flagInformed ?? {}).sort());
      expect(c.asksWaterType).toBe(!!rule.leadByWaterType);
    }
  });

  it('asks the questions the plan needs: violence for bullying, crime for staff harm, water type for water', () => {
    const copy = (id: string) => reportCategories.find((c) => c.id === id)!;
    expect([...copy('bullying').flags].sort()).toEqual(['extortion', 'injury', 'weapon']);
    expect(copy('staff_harm').flags).toEqual(['criminal']);
    expect(copy('dangerous_water').asksWaterType).toBe(true);
    expect(FLAG_QUESTIONS.criminal).toContain('违法');
  });

  it('names every water type, flag, relation, disposition and status in Chinese', () => {
    const all = [
      ...WATER_TYPES.map((w) => WATER_TYPE_NAMES[w]),
      ...REPORT_FLAGS.flatMap((f) => [FLAG_NAMES[f], FLAG_QUESTIONS[f]]),
      ...RELATIONS.flatMap((r) => [RELATION_NAMES[r], RELATION_CHOICES[r]]),
      ...DISPOSITIONS.map((d) => DISPOSITION_NAMES[d]),
      ...(['new', 'acknowledged', 'resolved'] as const).map((s) => STATUS_NAMES[s]),
    ];
    for (const text of all) expect(text).toMatch(CHINESE);
  });

  it('promises the service levels the rules enforce', () => {
    expect(PRIORITY_PROMISES).toEqual({ P1: '1小时内会有人接手', P2: '24小时内会有人接手', P3: '3天内会有人接手' });
  });
});

describe('routing table', () => {
  it('has a rule for every category, and someone always leads', () => {
    expect(Object.keys(routingTable).sort()).toEqual([...REPORT_CATEGORIES].sort());
    for (const rule of Object.values(routingTable)) {
      const deptLeads = rule.lead.filter((l) => l !== 'school_safety_officer' && l !== 'psych_teacher');
      expect(deptLeads.length > 0 || !!rule.leadByWaterType).toBe(true);
    }
  });

  it('names only department kinds the catalog has at city level', () => {
    const cityKinds = new Set(catalog.departments.filter((d) => d.jurisdiction === 'city').map((d) => d.kind));
    for (const rule of Object.values(routingTable)) {
      const kinds = [
        ...rule.lead.filter((l) => l !== 'school_safety_officer' && l !== 'psych_teacher'),
        ...rule.informed,
        ...Object.values(rule.flagInformed ?? {}).flat(),
        ...Object.values(rule.leadByWaterType ?? {}),
      ] as DeptKind[];
      for (const k of kinds) expect(cityKinds.has(k)).toBe(true);
    }
  });

  it('is plain data that survives a JSON round trip (a coordinator edits and stores it)', () => {
    expect(JSON.parse(JSON.stringify(routingTable))).toEqual(routingTable);
  });

  it('seasonal rules name real months', () => {
    for (const rule of Object.values(routingTable)) {
      if (!rule.seasonal) continue;
      for (const m of [rule.seasonal.fromMonth, rule.seasonal.toMonth]) {
        expect(Number.isInteger(m) && m >= 1 && m <= 12).toBe(true);
      }
    }
    expect(routingTable.dangerous_water.seasonal).toEqual({ fromMonth: 5, toMonth: 9, priority: 'P1' });
  });
});
