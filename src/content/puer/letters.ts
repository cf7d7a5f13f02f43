/**
 * The letter to parents (告家长书), as topic blocks. Written for this project,
 * for a grandparent who reads slowly: short sentences, everyday words, one
 * thing per line. Each block brings its pledges; a pledge id is stable (the
 * signed record keeps the ids, and the text a guardian saw).
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
        '河、水库、池塘、鱼塘、水坑，看着浅，其实很深。',
        '每年都有孩子在这些地方出事。',
        '记住“六不”：不私自下水游泳，不和同学结伴游泳，不在没有大人看护时游泳，',
        '不到不熟悉的水边玩，不到没有安全设施的水域游泳，不会水的不下水救人。',
        '看到有人落水，要大声喊大人，打 110 或 120，不要自己跳下去拉。',
      ],
      pledges: [
        { id: 'drowning.no_unsupervised', text: '孩子不在没有大人看护时下水游泳。' },
        { id: 'drowning.no_wild_water', text: '我不让孩子去河边、水库、池塘、鱼塘玩水。' },
        { id: 'drowning.shout_for_help', text: '我已告诉孩子：看到有人落水，喊大人、打电话，不自己下水救。' },
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
        '过年放鞭炮，要由大人来放。孩子站远一点看。',
        '没响的鞭炮不要去捡，不要凑近看。',
        '不买来路不明的烟花。不在柴草堆、山林边放。',
      ],
      pledges: [
        { id: 'fireworks.adults_only', text: '鞭炮烟花由大人来放，孩子不单独放。' },
      ],
    },
    {
      topic: 'traffic',
      title: '交通安全：不坐超载车，不骑电动车',
      lines: [
        '不满16岁的孩子，不能骑电动车、摩托车上路。',
        '不满12岁的孩子，不能骑自行车上路。',
        '不坐超载的车，不坐没有牌照的车，不坐农用车、三轮车载人。',
        '坐车要系好安全带。过马路要看左右，走斑马线。',
      ],
      pledges: [
        { id: 'traffic.no_ebike_under16', text: '孩子不满16岁，我不让他骑电动车、摩托车。' },
        { id: 'traffic.no_overloaded', text: '我不让孩子坐超载车、无牌车、农用车。' },
      ],
    },
    {
      topic: 'landslide_flood',
      title: '防山洪、防滑坡：下大雨远离山边河边',
      lines: [
        '雨季下大雨时，山边会塌方，河水会突然涨起来。',
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
        '网上说“刷单赚钱”“免费领皮肤”“游戏充值”的，都是骗人的。',
        '孩子用手机，大人要看一看。不让孩子一个人去见网上认识的人。',
      ],
      pledges: [
        { id: 'fraud.no_codes', text: '我已告诉孩子：不把验证码、家里的银行卡和身份证号告诉别人。' },
      ],
    },
  ],
};
