import type { DesignatedHospital } from '../../domain/catalog';

/**
 * Hospitals a psychology teacher may refer a student to (一生一策 referral
 * record). The plan asks for referral to a designated psychiatric hospital;
 * the list below names Pu'er's city psychiatric service and the mental-health
 * clinics of general hospitals. CHECK THE LIST AGAINST THE 普洱市卫生健康委员会
 * designation before a real campaign: it is content, changed here, not code.
 */
export const hospitals: DesignatedHospital[] = [
  { id: 'hosp-city-mental', name: '普洱市第二人民医院（普洱市精神卫生中心）', jurisdiction: 'city', kind: 'psychiatric' },
  { id: 'hosp-city-people', name: '普洱市人民医院 心理（精神）科', jurisdiction: 'city', kind: 'general_psych' },
  { id: 'hosp-simao-people', name: '思茅区人民医院 心理门诊', jurisdiction: 'simao', kind: 'general_psych' },
];
