/**
 * Pu'er's routing table: DESIGN.md §2, taken from the 牵头单位 / 责任单位
 * lists of the action plan. Department kinds are resolved in the county of the
 * school or place (属地管理); `routeReport` in src/domain/routing.ts applies it.
 *
 * Read a row as: "a report of this kind goes to <lead>, and <informed> are
 * told". A city coordinator may edit this data; it holds no code.
 */
import type { RoutingTable } from '../../domain/routing';

export const routingTable: RoutingTable = {
  // 防侵害: 欺凌早发现早预防早控制 — the school acts first, the education bureau oversees;
  // police join once it is violence or extortion, not just unkindness.
  bullying: {
    lead: ['school_safety_officer', 'edu'],
    informed: [],
    flagInformed: { injury: ['police'], weapon: ['police'], extortion: ['police'] },
    priority: 'P2',
  },
  // 性侵: police lead; the procuratorate's juvenile office and the education bureau follow the case.
  sexual_abuse: { lead: ['police'], informed: ['procuratorate', 'edu'], priority: 'P1' },
  // 教职工侵害: the education bureau employs the teacher; police when it may be a crime (一案双查).
  staff_harm: { lead: ['edu'], informed: [], flagInformed: { criminal: ['police'] }, priority: 'P1' },
  drugs_porn: { lead: ['police'], informed: ['edu'], priority: 'P2' },
  fraud_loans: { lead: ['police'], informed: ['edu'], priority: 'P2' },
  cult: { lead: ['police'], informed: ['edu'], priority: 'P2' },
  // 净环境: each venue or market has its regulator.
  venues: { lead: ['culture_tourism'], informed: ['police'], priority: 'P3' },
  food_goods: { lead: ['market'], informed: ['edu', 'health'], priority: 'P3' },
  online: { lead: ['cyberspace'], informed: ['police'], priority: 'P3' },
  tutoring: { lead: ['edu'], informed: [], priority: 'P3' },
  // 防溺水: "谁主管、谁负责" — whoever manages that kind of water leads; 5-9月 is the danger season.
  // The plan lists the waters (水库、河流、坝塘、鱼塘、公园水体、施工形成的积水潭、江河边抽砂洗石形成的深坑水潭)
  // and the departments (自然资源和规划、住房城乡建设、水务、农业农村、应急管理) without pairing them, so
  // the pairing is ours (docs/content-review.md): 坝塘 are small water-storage works, and the plan's sand
  // pits are by rivers, where sand mining is licensed by the water authority (水法 第39条, 河道管理条例
  // 第25条): both go to 水务. Fish ponds are fishery (农业农村); building-site pits and park water 住建.
  dangerous_water: {
    lead: [],
    leadByWaterType: {
      reservoir: 'water',
      river: 'water',
      fish_pond: 'agriculture',
      dam_pond: 'water',
      construction_pit: 'housing',
      park_water: 'housing',
      sand_pit: 'water',
    },
    informed: ['edu', 'emergency'],
    priority: 'P2',
    seasonal: { fromMonth: 5, toMonth: 9, priority: 'P1' },
  },
  // 防事故: traffic police lead.
  traffic: { lead: ['police'], informed: ['transport', 'edu'], priority: 'P3' },
  campus_facility: { lead: ['school_safety_officer', 'edu'], informed: ['fire'], priority: 'P3' },
  // 心健康: the school's psychology teacher knows the child; health is told for the 转介 path.
  self_harm_risk: { lead: ['psych_teacher', 'edu'], informed: ['health'], priority: 'P1' },
  // Anything else: the county education bureau triages and transfers.
  other: { lead: ['edu'], informed: [], priority: 'P3' },
};
