/**
 * The letter to parents (告家长书), as topic blocks. Written for this project,
 * for a grandparent who reads slowly: short sentences, everyday words, one
 * thing per line. Each block brings its pledges; a pledge id is stable (the
 * signed record keeps the ids, and the text a guardian saw). A pledge that is
 * an age rule says so in `ages` (src/domain/letter.ts PledgeAges): only the
 * families of children that age are asked to promise it, so its text may say
 * 孩子还不满N岁; the block's lines still tell every family the rule.
 *
 * The composer (src/domain/letter.ts) picks the blocks of a campaign's topics
 * (src/domain/holiday.ts selectTopics); `care` is in every letter.
 */
import type { LetterContent } from '../../domain/letter';

export const letterContent: LetterContent = {
  sender: '普洱市教育体育局 和 孩子的学校',
  greeting: '各位家长、爷爷奶奶、外公外婆：',
  intro: [
    '{holiday}就要到了。放假的日子，孩子不在学校，安全就靠我们大人。',
    '请您花几分钟看完这封信。看不清的地方，可以请家里人读给您听。',
    '看完后，请在下面勾选您能做到的事，再签上名字。不会写字的，点“确认签署”就可以。',
  ],
  closing: [
    '孩子平安，是全家最大的事。谢谢您！',
    '遇到危险，请马上打电话：报警 110，火警 119，急救 120。',
  ],
  blocks: [
    {
      topic: 'care',
      title: '看好孩子，知道孩子在哪里',
      lines: [
        '孩子出门前，问清楚去哪里、和谁一起、什么时候回来。',
        '天黑前要回家。到了时间没回来，马上打电话找。',
        '家里大人要出门打工的，请把孩子托付给能照看的大人，并告诉班主任。',
      ],
      pledges: [
        { id: 'care.whereabouts', text: '我知道孩子去哪里、和谁在一起、走哪条路、什么时候回家。' },
        { id: 'care.guardian', text: '我出门时，会把孩子交给能照看的大人。' },
      ],
    },
    {
      topic: 'drowning',
      title: '防溺水：不让孩子私自下水',
      lines: [
        '河、水库、坝塘、鱼塘、水坑，看着浅，其实很深。',
        '每年都有孩子在这些地方出事，5月到9月最多。',
        '记住“六不”：不私自下水游泳，不和同学结伴游泳，不在没有大人看护时游泳，',
        '不到不熟悉的水边玩，不到没有安全设施的水域游泳，不会水的不下水救人。',
        '看到有人落水，大声喊大人，马上打 110 或 119，再打 120 叫救护车。',
        '不要自己跳下去拉人。',
      ],
      pledges: [
        { id: 'drowning.no_unsupervised', text: '孩子不在没有大人看护时下水游泳。' },
        { id: 'drowning.no_wild_water', text: '我不让孩子去河边、水库、坝塘、鱼塘玩水。' },
        { id: 'drowning.shout_for_help', text: '我已告诉孩子：看到有人落水，喊大人、打110或119，不自己下水救。' },
      ],
    },
    {
      topic: 'fire',
      title: '防火：火塘、电器要看好',
      lines: [
        '烤火、做饭时，身边要有大人。火塘边不放柴草和衣服。',
        '电热毯、取暖器不用时要拔掉插头。电线老了要换。',
        '不让孩子玩火，不让孩子一个人在家用火。',
      ],
      forHoliday: {
        qingming: [
          '清明上坟，不在山林里烧纸、点香、放鞭炮，不让孩子在山上玩火。',
          '云南的山林防火要到6月中旬，一点火星就可能烧山。',
        ],
      },
      pledges: [
        { id: 'fire.no_playing', text: '我不让孩子玩火，用火用电时有大人在旁边。' },
      ],
    },
    {
      topic: 'gas',
      title: '防煤气中毒：烤火要开窗',
      lines: [
        '在屋里烧炭、烧煤烤火，门窗关紧，人会中毒，睡着了也不知道。',
        '烤火时一定要留一条窗缝通风。睡觉前把火灭掉。',
        '用燃气热水器洗澡，要开窗，时间不要太长。',
      ],
      pledges: [
        { id: 'gas.ventilate', text: '家里烤火、用燃气时，我会开窗通风，睡前灭火。' },
      ],
    },
    {
      topic: 'fireworks',
      title: '烟花爆竹：大人放，孩子看',
      lines: [
        '放鞭炮、烟花，要由大人来放。孩子站远一点看。',
        '没响的鞭炮不要去捡，不要凑近看。',
        '不买来路不明的烟花。不在柴草堆、山林边放。',
      ],
      forHoliday: {
        new_year: ['元旦新年，能不能放鞭炮、在哪里放，请按当地的规定。'],
        spring_festival: ['过年放鞭炮最多，除夕和初一晚上要格外小心。'],
      },
      pledges: [
        { id: 'fireworks.adults_only', text: '鞭炮烟花由大人来放，孩子不单独放。' },
      ],
    },
    {
      topic: 'traffic',
      title: '交通安全：不骑电动车、摩托车，不坐超载车',
      lines: [
        '不满16岁的孩子，不能骑电动车上路。',
        '摩托车要年满18岁、考到驾照才能骑。孩子没有驾照，不能骑摩托车。',
        '不满12岁的孩子，不能坐摩托车后座。',
        '电动车能不能带小孩，按当地规定；带的话，要戴头盔、坐儿童座椅。',
        '不满12岁的孩子，不能骑自行车上路。',
        '不坐超载的车，不坐没有牌照的车，不坐农用车、三轮车的车斗。',
        '坐车要系好安全带。过马路要看左右，走斑马线。',
      ],
      pledges: [
        { id: 'traffic.no_ebike_under16', text: '孩子还不满16岁，我不让孩子骑电动车。', ages: { under: 16 } },
        { id: 'traffic.no_motorcycle_unlicensed', text: '孩子没有摩托车驾照，我不让孩子骑摩托车。' },
        { id: 'traffic.no_pillion_under12', text: '孩子还不满12岁，我不让孩子坐摩托车后座。', ages: { under: 12 } },
        { id: 'traffic.no_overloaded', text: '我不让孩子坐超载车、无牌车、农用车。' },
      ],
    },
    {
      topic: 'landslide_flood',
      title: '防山洪、防滑坡：下大雨远离山边河边',
      lines: [
        '云南的雨季一般是5月到10月。',
        '下大雨时，山边会塌方，河水会突然涨起来。',
        '下雨天不让孩子去山沟、河边、陡坡下面玩。',
        '听到村里通知转移，马上带孩子走，不要回去拿东西。',
      ],
      pledges: [
        { id: 'flood.stay_away', text: '下大雨时，我不让孩子去河边、山沟、陡坡下。' },
      ],
    },
    {
      topic: 'food',
      title: '食品安全：不吃野生菌，不吃坏东西',
      lines: [
        '野生菌有毒的很多，看着一样也分不清。炒熟了也可能中毒。',
        '不认识的菌子不采、不买、不吃。',
        '天热饭菜容易坏，剩饭要放凉后冷藏，吃前热透。',
        '吃了东西头晕、呕吐、肚子痛，马上去医院。',
      ],
      forHoliday: {
        mid_autumn: ['9月、10月山上还有野生菌。中秋一家人聚餐，不吃不认识的菌子。'],
        national_day: ['国庆出门、聚餐，路边买的野生菌不认识就不吃。'],
      },
      pledges: [
        { id: 'food.no_wild_mushrooms', text: '家里不给孩子吃不认识的野生菌。' },
      ],
    },
    {
      topic: 'fraud',
      title: '防诈骗：不给陌生人钱和验证码',
      lines: [
        '有人打电话、发消息说孩子出事了要钱，先打孩子、老师的电话问清楚。',
        '不把手机验证码、银行卡、身份证号告诉别人。',
        '“刷单赚钱”：让人先垫钱，帮网店假装买东西，说会返钱。这是骗人的。',
        '“免费领皮肤”：说送游戏里人物的衣服、装备，让孩子扫码或给验证码。这是骗人的。',
        '孩子用手机，大人要看一看。',
      ],
      pledges: [
        { id: 'fraud.no_codes', text: '我已告诉孩子：不把验证码、家里的银行卡和身份证号告诉别人。' },
      ],
    },
    {
      topic: 'online',
      title: '上网：管好时间，不见网友，不乱花钱',
      lines: [
        '和孩子说好每天玩手机、打游戏的时间，到点就停。',
        '按国家规定，游戏只在周五、六、日和节假日晚上8点到9点给孩子玩。',
        '网上认识的人，说得再好，孩子也不能单独去见。',
        '有人在网上要孩子的照片、视频，或者叫孩子保密，马上告诉大人。',
        '手机付钱要设密码，不告诉孩子。孩子充值、买东西，先问大人。',
      ],
      pledges: [
        { id: 'online.time', text: '我和孩子说好了每天上网、玩游戏的时间。' },
        { id: 'online.no_meeting', text: '孩子不单独去见网上认识的人。' },
        { id: 'online.payments', text: '我不把付钱的密码告诉孩子，孩子花钱先问大人。' },
      ],
    },
    {
      topic: 'wellbeing',
      title: '关心孩子的心情，保护孩子的身体',
      lines: [
        '孩子总不开心、不爱说话、睡不好，多陪孩子说说话。',
        '孩子说“不想活了”，一定当真：陪着孩子，告诉老师，打12356心理援助热线。',
        '告诉孩子：背心、短裤盖住的地方，别人不能看、不能摸。',
        '孩子说有人摸了这些地方，先相信孩子，不打不骂，马上打110报警。',
      ],
      pledges: [
        { id: 'wellbeing.listen', text: '孩子不开心时，我会陪孩子说说话，需要时找老师。' },
        { id: 'wellbeing.body_safety', text: '我已告诉孩子：别人不能摸孩子的隐私部位，有人这样做要马上告诉我。' },
      ],
    },
  ],
};
