/**
 * Pu'er (普洱市): its counties, the departments the routing table names at
 * city and county level, and the schools and classes of the demo.
 *
 * Departments follow one naming pattern per level (the tables below), so a
 * reader can check them at a glance; the few places where Pu'er differs from
 * the pattern are written out as exceptions with the reason.
 */
import { CITY, type Catalog, type County, type Department, type DeptKind, type School, type SchoolClass } from '../../domain/catalog';

export const cityName = '普洱市';

/** The nine autonomous counties and one district. `short` is the form used in department names (宁洱县教育体育局). */
const COUNTIES: ReadonlyArray<County & { short: string }> = [
  { id: 'simao', name: '思茅区', short: '思茅区' },
  { id: 'ninger', name: '宁洱哈尼族彝族自治县', short: '宁洱县' },
  { id: 'mojiang', name: '墨江哈尼族自治县', short: '墨江县' },
  { id: 'jingdong', name: '景东彝族自治县', short: '景东县' },
  { id: 'jinggu', name: '景谷傣族彝族自治县', short: '景谷县' },
  { id: 'zhenyuan', name: '镇沅彝族哈尼族拉祜族自治县', short: '镇沅县' },
  { id: 'jiangcheng', name: '江城哈尼族彝族自治县', short: '江城县' },
  { id: 'menglian', name: '孟连傣族拉祜族佤族自治县', short: '孟连县' },
  { id: 'lancang', name: '澜沧拉祜族自治县', short: '澜沧县' },
  { id: 'ximeng', name: '西盟佤族自治县', short: '西盟县' },
];

const CITY_DEPARTMENTS: Record<DeptKind, string> = {
  edu: '普洱市教育体育局',
  police: '普洱市公安局',
  procuratorate: '普洱市人民检察院',
  culture_tourism: '普洱市文化和旅游局',
  market: '普洱市市场监督管理局',
  cyberspace: '中共普洱市委网信办',
  water: '普洱市水务局',
  agriculture: '普洱市农业农村局',
  housing: '普洱市住房和城乡建设局',
  natural_resources: '普洱市自然资源和规划局',
  emergency: '普洱市应急管理局',
  transport: '普洱市交通运输局',
  fire: '普洱市消防救援支队',
  health: '普洱市卫生健康委员会',
  peace_office: '中共普洱市委平安建设领导小组办公室',
};

/** County-level names; `{c}` is the county's short name. */
const COUNTY_DEPARTMENT_PATTERN: Record<DeptKind, string> = {
  edu: '{c}教育体育局',
  police: '{c}公安局',
  procuratorate: '{c}人民检察院',
  culture_tourism: '{c}文化和旅游局',
  market: '{c}市场监督管理局',
  cyberspace: '中共{c}委网信办',
  water: '{c}水务局',
  agriculture: '{c}农业农村局',
  housing: '{c}住房和城乡建设局',
  natural_resources: '{c}自然资源局',
  emergency: '{c}应急管理局',
  transport: '{c}交通运输局',
  fire: '{c}消防救援大队',
  health: '{c}卫生健康局',
  peace_office: '中共{c}委平安建设领导小组办公室',
};

/**
 * Where a county's unit is not "<county> + bureau". 思茅区 is the city seat:
 * its police are a branch of the city bureau that acts as the district's own
 * police (own jurisdiction, own handlers), so it is a department here under
 * its real name.
 */
const COUNTY_DEPARTMENT_NAMES: Readonly<Record<string, Partial<Record<DeptKind, string>>>> = {
  simao: { police: '普洱市公安局思茅分局' },
};

/**
 * Kinds a county has no bureau of its own for: routing sends these to the
 * city-level department (routing.ts falls back to the city for any gap; this
 * list documents the gaps that are meant to be there).
 */
export const countyKindsServedByCity: ReadonlyArray<{ county: string; kind: DeptKind; why: string }> = [
  {
    county: 'simao',
    kind: 'natural_resources',
    why: '思茅区没有区级自然资源局，辖区内的自然资源和规划工作由普洱市自然资源和规划局（思茅分局）承担。',
  },
];

const servedByCity = (county: string, kind: DeptKind) => countyKindsServedByCity.some((g) => g.county === county && g.kind === kind);

const departments: Department[] = [
  ...(Object.entries(CITY_DEPARTMENTS) as [DeptKind, string][]).map(([kind, name]) => ({ id: `${CITY}.${kind}`, kind, jurisdiction: CITY, name })),
  ...COUNTIES.flatMap((c) =>
    (Object.entries(COUNTY_DEPARTMENT_PATTERN) as [DeptKind, string][])
      .filter(([kind]) => !servedByCity(c.id, kind))
      .map(([kind, pattern]) => ({
        id: `${c.id}.${kind}`,
        kind,
        jurisdiction: c.id,
        name: COUNTY_DEPARTMENT_NAMES[c.id]?.[kind] ?? pattern.replace('{c}', c.short),
      })),
  ),
];

/*
 * SCHOOLS AND CLASSES ARE DEMO DATA. The names are made up to look like Pu'er
 * schools (some may match a real school's name by coincidence); production
 * imports the real school roll. City-level schools are the real 普洱学院 and a
 * vocational centre, because the plan puts universities and vocational
 * colleges under the city.
 */
const schools: School[] = [
  { id: 'sch-simao-1', name: '思茅区第一中学', jurisdiction: 'simao', stage: 'middle' },
  { id: 'sch-simao-2', name: '思茅区实验小学', jurisdiction: 'simao', stage: 'primary' },
  { id: 'sch-simao-3', name: '思茅区南屏镇九年一贯制学校', jurisdiction: 'simao', stage: 'nine_year' },
  { id: 'sch-ninger-1', name: '宁洱县第一中学', jurisdiction: 'ninger', stage: 'middle' },
  { id: 'sch-ninger-2', name: '宁洱县宁洱镇中心小学', jurisdiction: 'ninger', stage: 'primary' },
  { id: 'sch-mojiang-1', name: '墨江县第一中学', jurisdiction: 'mojiang', stage: 'middle' },
  { id: 'sch-mojiang-2', name: '墨江县联珠镇中心小学', jurisdiction: 'mojiang', stage: 'primary' },
  { id: 'sch-jingdong-1', name: '景东县第一中学', jurisdiction: 'jingdong', stage: 'middle' },
  { id: 'sch-jingdong-2', name: '景东县锦屏镇中心小学', jurisdiction: 'jingdong', stage: 'primary' },
  { id: 'sch-jinggu-1', name: '景谷县第一中学', jurisdiction: 'jinggu', stage: 'middle' },
  { id: 'sch-jinggu-2', name: '景谷县威远镇九年一贯制学校', jurisdiction: 'jinggu', stage: 'nine_year' },
  { id: 'sch-zhenyuan-1', name: '镇沅县第一中学', jurisdiction: 'zhenyuan', stage: 'middle' },
  { id: 'sch-zhenyuan-2', name: '镇沅县恩乐镇中心小学', jurisdiction: 'zhenyuan', stage: 'primary' },
  { id: 'sch-jiangcheng-1', name: '江城县第一中学', jurisdiction: 'jiangcheng', stage: 'middle' },
  { id: 'sch-jiangcheng-2', name: '江城县勐烈镇九年一贯制学校', jurisdiction: 'jiangcheng', stage: 'nine_year' },
  { id: 'sch-menglian-1', name: '孟连县第一中学', jurisdiction: 'menglian', stage: 'middle' },
  { id: 'sch-menglian-2', name: '孟连县娜允镇中心小学', jurisdiction: 'menglian', stage: 'primary' },
  { id: 'sch-lancang-1', name: '澜沧县第一中学', jurisdiction: 'lancang', stage: 'middle' },
  { id: 'sch-lancang-2', name: '澜沧县勐朗镇九年一贯制学校', jurisdiction: 'lancang', stage: 'nine_year' },
  { id: 'sch-ximeng-1', name: '西盟县第一中学', jurisdiction: 'ximeng', stage: 'middle' },
  { id: 'sch-ximeng-2', name: '西盟县勐梭镇中心小学', jurisdiction: 'ximeng', stage: 'primary' },
  { id: 'sch-city-1', name: '普洱学院', jurisdiction: CITY, stage: 'university' },
  { id: 'sch-city-2', name: '普洱市职业教育中心', jurisdiction: CITY, stage: 'vocational' },
];

/**
 * Grade numbers run on one scale so screening campaigns can name grades:
 * 1-9 compulsory education, 10-12 the three years of high school or
 * secondary vocational school, 13+ university years.
 */
const GRADE_NAMES: Record<number, string> = {
  1: '一年级', 2: '二年级', 3: '三年级', 4: '四年级', 5: '五年级', 6: '六年级',
  7: '七年级', 8: '八年级', 9: '九年级',
};

/** Which classes each kind of demo school gets: [grade, class number]. */
const DEMO_CLASSES_BY_STAGE: Partial<Record<School['stage'], ReadonlyArray<readonly [number, number]>>> = {
  middle: [[7, 1], [8, 1], [8, 2], [9, 1]],
  primary: [[4, 1], [5, 1], [6, 1]],
  nine_year: [[5, 1], [7, 1], [8, 1]],
};

/** City schools name classes by intake year and major, not by grade. */
const CITY_SCHOOL_CLASSES: SchoolClass[] = [
  { id: 'cls-city-1-13-1', schoolId: 'sch-city-1', grade: 13, name: '2026级小学教育（1）班' },
  { id: 'cls-city-1-13-2', schoolId: 'sch-city-1', grade: 13, name: '2026级学前教育（1）班' },
  { id: 'cls-city-1-14-1', schoolId: 'sch-city-1', grade: 14, name: '2025级茶学（1）班' },
  { id: 'cls-city-2-10-1', schoolId: 'sch-city-2', grade: 10, name: '2026级幼儿保育（1）班' },
  { id: 'cls-city-2-11-1', schoolId: 'sch-city-2', grade: 11, name: '2025级汽车运用与维修（1）班' },
];

/** 'sch-simao-1' + 8 + 2 → 'cls-simao-1-8-2': short, stable, readable in logs. */
const classId = (schoolId: string, grade: number, n: number) => `cls-${schoolId.replace(/^sch-/, '')}-${grade}-${n}`;

const classes: SchoolClass[] = [
  ...schools.flatMap((s) =>
    (DEMO_CLASSES_BY_STAGE[s.stage] ?? []).map(([grade, n]) => ({
      id: classId(s.id, grade, n),
      schoolId: s.id,
      grade,
      name: `${GRADE_NAMES[grade]}（${n}）班`,
    })),
  ),
  ...CITY_SCHOOL_CLASSES,
];

export const catalog: Catalog = {
  cityName,
  counties: COUNTIES.map(({ id, name, short }) => ({ id, name, shortName: short })),
  departments,
  schools,
  classes,
};
