import type { DesignatedHospital } from '../../domain/catalog';

/**
 * Hospitals a psychology teacher may refer a student to (一生一策 referral
 * record). The plan asks that 全市指定1-2所精神卫生医疗机构作为未成年人精神疾病和
 * 心理干预定点医院 — a designation the 普洱市卫生健康委员会 makes, not us. Until it
 * does, every city hospital below is a candidate marked 'to_confirm', and the
 * screen says so. Phones and addresses are null (the screen shows 待确认) until
 * someone checks them with the hospital; candidates found in secondary sources
 * are listed in docs/content-review.md, not here.
 *
 * The provincial option is for children whose needs go beyond the city's
 * services (the 云南省精神卫生中心 runs child and adolescent clinics; to confirm
 * which clinic takes referrals from schools).
 *
 * It is content, changed here, not code.
 */
export const hospitals: DesignatedHospital[] = [
  {
    id: 'hosp-city-mental', name: '普洱市第二人民医院（普洱市精神卫生中心）', jurisdiction: 'city', kind: 'psychiatric',
    status: 'to_confirm', phone: null, address: null,
  },
  {
    id: 'hosp-city-people', name: '普洱市人民医院 心理（精神）科', jurisdiction: 'city', kind: 'general_psych',
    status: 'to_confirm', phone: null, address: null,
  },
  {
    id: 'hosp-simao-people', name: '思茅区人民医院 心理门诊', jurisdiction: 'simao', kind: 'general_psych',
    status: 'to_confirm', phone: null, address: null,
  },
  {
    id: 'hosp-province-child', name: '云南省精神病医院（云南省精神卫生中心）儿童青少年门诊', jurisdiction: 'province', kind: 'child_adolescent',
    status: 'referral', phone: null, address: null,
  },
];
