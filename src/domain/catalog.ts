/**
 * The shape of a city's catalog. The data for Pu'er lives in
 * `src/content/puer/`; another city ships its own folder with the same shape.
 */
export const CITY = 'city' as const;
/** A jurisdiction is a county id, or 'city' for city-level units and city schools. */
export type Jurisdiction = string;

/** `shortName` (宁洱县) is for pickers and labels where the full autonomous-county name is too long. */
export interface County { id: string; name: string; shortName?: string }

/**
 * Department kinds the routing table speaks of. A department is one kind in
 * one jurisdiction (思茅区公安局 = police in simao).
 */
export type DeptKind =
  | 'edu'              // 教育体育局
  | 'police'           // 公安局
  | 'procuratorate'    // 人民检察院
  | 'culture_tourism'  // 文化和旅游局
  | 'market'           // 市场监管局
  | 'cyberspace'       // 网信办
  | 'water'            // 水务局
  | 'agriculture'      // 农业农村局
  | 'housing'          // 住房城乡建设局
  | 'natural_resources'// 自然资源和规划局
  | 'emergency'        // 应急管理局
  | 'transport'        // 交通运输局
  | 'fire'             // 消防救援
  | 'health'           // 卫生健康委/局
  | 'peace_office';    // 平安办 (coordinators)

export interface Department {
  id: string;           // e.g. 'simao.police', 'city.cyberspace'
  kind: DeptKind;
  jurisdiction: Jurisdiction;
  name: string;         // full name, e.g. 思茅区公安局
}

export type SchoolStage = 'primary' | 'middle' | 'high' | 'nine_year' | 'vocational' | 'university';

export interface School {
  id: string;
  name: string;
  /** county id, or 'city' for city-level schools (universities, vocational colleges) */
  jurisdiction: Jurisdiction;
  stage: SchoolStage;
}

export interface SchoolClass { id: string; schoolId: string; grade: number; name: string }

export interface Catalog {
  cityName: string;
  counties: County[];
  departments: Department[];
  schools: School[];
  classes: SchoolClass[];
}

/** A student record (demo data locally; imported from the school roll in production). */
export interface Student {
  id: string;
  name: string;          // fictional in demo data
  schoolId: string;
  classId: string;
  grade: number;
  birthDate: string;     // YYYY-MM-DD; under-14s need a guardian's consent for screening
}

export interface Guardianship { studentId: string; guardianName: string; relation: string }

/**
 * An invitation code binds the redeeming caller to a role. Demo codes are
 * reusable (several browsers can play one role); real codes are single-use.
 */
export interface Invitation {
  code: string;
  binding: import('./roles').RoleBinding;
  reusable: boolean;
  label: string;         // what the code is for, shown in the README and on redeem
}

/** A hospital a student may be referred to from their 一生一策 file. */
export interface DesignatedHospital {
  id: string;
  name: string;
  /** 'city', a county id, or 'province' (the provincial referral centre) */
  jurisdiction: Jurisdiction;
  kind: 'psychiatric' | 'general_psych' | 'child_adolescent';
  /**
   * 'designated': named by the 市卫健委 as the city's 未成年人精神疾病和心理干预定点医院 (the plan asks for 1-2);
   * 'to_confirm': our candidate until the 市卫健委 names it; 'referral': a further option, not a designation.
   */
  status: 'designated' | 'to_confirm' | 'referral';
  /** null until checked: the screen then says 待确认 */
  phone: string | null;
  address: string | null;
}

/** What a referral screen says about a hospital's designation, phone and address. */
export function hospitalLines(h: DesignatedHospital): string[] {
  const status = { designated: '市卫健委指定的定点医院', to_confirm: '定点医院待市卫健委确认', referral: '省级儿童青少年转诊' }[h.status];
  return [status, `电话：${h.phone ?? '待确认'}`, `地址：${h.address ?? '待确认'}`];
}
