/**
 * The holiday pages in jsdom: the guardian's letter with its checklist and
 * the "确认签署" path to a receipt; the class teacher's list and private nudge.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LetterPage from '../../src/packageHoliday/pages/letter/index';
import ClassPage from '../../src/packageHoliday/pages/class/index';
import CoveragePage from '../../src/packageHoliday/pages/coverage/index';
import { holidayApi, type HolidayCurrent, type SignReceipt } from '../../src/packageHoliday/service';
import { runInAction } from 'mobx';
import { write } from '../../src/services/api';
import { sessionStore } from '../../src/stores/session';
import { tapAndSettle } from './reportFixtures';

jest.mock('../../src/packageHoliday/service', () => {
  const actual = jest.requireActual('../../src/packageHoliday/service');
  return {
    ...actual,
    holidayApi: {
      current: jest.fn(), sign: jest.fn(), progress: jest.fn(), exportCsv: jest.fn(), nudge: jest.fn(), coverage: jest.fn(), subscribe: jest.fn(),
    },
  };
});
jest.mock('../../src/services/api', () => ({ ...jest.requireActual('../../src/services/api'), write: jest.fn(async () => ({})) }));
jest.mock('../../src/services/upload', () => ({ choosePhotos: jest.fn(async () => []), uploadPhoto: jest.fn() }));

const api = holidayApi as jest.Mocked<typeof holidayApi>;

const TWO = [
  { id: 'care.whereabouts', text: '我知道孩子去哪里、和谁在一起、走哪条路、什么时候回家。', topic: 'care' as const },
  { id: 'drowning.no_unsupervised', text: '孩子不在没有大人看护时下水游泳。', topic: 'drowning' as const },
];

const current = (over: Partial<HolidayCurrent> = {}): HolidayCurrent => ({
  day: '2026-06-15',
  campaign: { id: 'dragon_boat-2026', name: '2026年端午节', key: 'dragon_boat', start: '2026-06-19', end: '2026-06-21', resume: '2026-06-22', opensOn: '2026-06-12', phase: 'before', topics: ['drowning', 'traffic', 'fraud'], provisional: false },
  letter: {
    title: '2026年端午节假期安全告家长书', greeting: '各位家长：', dates: '放假时间：6月19日至6月21日。6月22日开学。',
    intro: ['端午节就要到了。'], sections: [{ topic: 'drowning', title: '防溺水：不让孩子私自下水', lines: ['河、水库看着浅，其实很深。'] }],
    closing: ['谢谢您！'], sender: '学校',
    pledges: [
      { id: 'care.whereabouts', text: '我知道孩子去哪里、和谁在一起、走哪条路、什么时候回家。', topic: 'care' },
      { id: 'drowning.no_unsupervised', text: '孩子不在没有大人看护时下水游泳。', topic: 'drowning' },
    ],
  },
  pledges: [
    { id: 'care.whereabouts', text: '我知道孩子去哪里、和谁在一起、走哪条路、什么时候回家。', topic: 'care' },
    { id: 'drowning.no_unsupervised', text: '孩子不在没有大人看护时下水游泳。', topic: 'drowning' },
  ],
  children: [{ id: 'stu-simao-1', name: '李小雨', campaignId: 'dragon_boat-2026', pledges: TWO, signedByMe: null, otherGuardians: [] }],
  next: null,
  ...over,
});

/** commitment.sign's answer: a confirmed signature of the two pledges. */
const receipt = (over: Partial<SignReceipt> = {}): SignReceipt => ({
  commitmentId: 'x', campaignId: 'dragon_boat-2026', campaignName: '2026年端午节', studentId: 'stu-simao-1', studentName: '李小雨',
  method: 'confirm', methodName: '确认签署', signedAt: Date.parse('2026-06-15T10:00:00+08:00'), pledgeCount: 2, guardianLabel: '李国荣（祖父）', version: 1,
  ...over,
});

beforeEach(() => jest.clearAllMocks());

test('the letter in large text, the checklist, and confirming without writing leads to a receipt', async () => {
  api.current.mockResolvedValue(current());
  api.sign.mockResolvedValue(receipt());
  const { container } = render(<LetterPage />);
  await screen.findByText('2026年端午节假期安全告家长书');
  expect(container.textContent).toContain('防溺水：不让孩子私自下水');
  // No speech synthesis in this environment (as on weapp): no read-aloud button.
  expect(container.textContent).not.toContain('读给我听');

  const modal = Taro.showModal as jest.Mock;
  modal.mockClear();
  await tapAndSettle('我不方便写字，确认签署');
  expect(api.sign).not.toHaveBeenCalled();
  expect(modal).not.toHaveBeenCalled();
  expect(container.textContent).toContain('还有2条承诺没有勾选');
  // The rule said plainly: every pledge is needed.
  expect(container.textContent).toContain('下面2条都要做到，才能签署');

  fireEvent.click(screen.getByText('孩子不在没有大人看护时下水游泳。'));
  // Ticking changes the pledges: the old warning goes (it stayed behind the 确认签署？ dialog, walk 18 #9).
  expect(container.textContent).not.toContain('还有2条承诺没有勾选');
  await tapAndSettle('我不方便写字，确认签署');
  expect(container.textContent).toContain('还有1条承诺没有勾选');
  await tapAndSettle('全部都能做到，一起勾上');
  expect(container.textContent).not.toContain('承诺没有勾选');
  // One tap asks once; 再看看 signs nothing.
  modal.mockResolvedValueOnce({ confirm: false, cancel: true });
  await tapAndSettle('我不方便写字，确认签署');
  expect(modal).toHaveBeenCalledTimes(1);
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确认签署？' });
  expect(api.sign).not.toHaveBeenCalled();
  modal.mockResolvedValueOnce({ confirm: true, cancel: false });
  await tapAndSettle('我不方便写字，确认签署');
  expect(modal).toHaveBeenCalledTimes(2);
  expect(api.sign).toHaveBeenCalledTimes(1);
  expect(api.sign).toHaveBeenCalledWith(
    expect.objectContaining({ campaignId: 'dragon_boat-2026', studentId: 'stu-simao-1', method: 'confirm', pledgeIds: expect.arrayContaining(['care.whereabouts', 'drowning.no_unsupervised']) }),
    expect.objectContaining({ requestId: expect.any(String) }),
  );
  await waitFor(() => expect(container.textContent).toContain('已签署'));
  expect(container.textContent).toContain('李国荣（祖父），您已于 6月15日 10:00 以“确认签署”的方式签署');
  // The receipt lists what was promised and says truthfully who sees it.
  expect(container.textContent).toContain('您承诺做到这2件事：');
  expect(container.textContent).toContain('2. 孩子不在没有大人看护时下水游泳。');
  expect(container.textContent).toContain('班主任和孩子的其他监护人都能看到您已经签署');
  expect(container.textContent).not.toContain('只有您和班主任能看到');
});

test('opened again later, the receipt still names who signed (a shared phone)', async () => {
  api.current.mockResolvedValue(current({
    children: [{
      id: 'stu-simao-1', name: '李小雨', campaignId: 'dragon_boat-2026', pledges: TWO, otherGuardians: [],
      signedByMe: { method: 'confirm', at: Date.parse('2026-06-15T10:00:00+08:00'), pledgeIds: [], signatureUrl: null, label: '李国荣（祖父）' },
    }],
  }));
  const { container } = render(<LetterPage />);
  await screen.findByText('✔ 已签署 · 回执');
  expect(container.textContent).toContain('李国荣（祖父），您已于 6月15日 10:00 以“确认签署”的方式签署');
});

test('no open letter: says when the next one opens', async () => {
  api.current.mockResolvedValue(current({ campaign: null, letter: null, pledges: [], next: { id: 'summer_break-2026', name: '2026年暑假', opensOn: '2026-06-27' } }));
  const { container } = render(<LetterPage />);
  await screen.findByText('现在没有需要签署的告家长书');
  expect(container.textContent).toContain('6月27日开始签署');
});

test('the class teacher sees each child\'s state and nudges the unsigned privately', async () => {
  api.current.mockResolvedValue(current({ children: [] }));
  api.progress.mockResolvedValue({
    campaign: { id: 'dragon_boat-2026', name: '2026年端午节', start: '2026-06-19', resume: '2026-06-22' }, signed: 1, eligible: 2,
    items: [
      { studentId: 'stu-simao-1', name: '李小雨', signed: true, guardiansLinked: 2, unsignedGuardians: 0, signatures: [{ guardian: '刘芳（母亲）', method: 'signature', methodName: '手写签名', at: 0, atText: '2026-06-15 10:00' }] },
      { studentId: 'stu-simao-2', name: '张浩然', signed: false, guardiansLinked: 1, unsignedGuardians: 1, signatures: [] },
    ],
  });
  api.nudge.mockResolvedValue({ nudged: 1, alreadyToday: 0, noGuardianLinked: 0 });
  const { container } = render(<ClassPage />);
  await screen.findByText('已签 1 / 共 2 人');
  expect(container.textContent).toContain('✔ 刘芳（母亲），手写签名，2026-06-15 10:00');
  expect(container.querySelector('.hol-child--unsigned')?.textContent).toContain('张浩然');
  await tapAndSettle('私下提醒未签的家长（1个孩子）');
  expect(api.nudge).toHaveBeenCalledWith('dragon_boat-2026', undefined);
  await waitFor(() => expect(container.textContent).toContain('已私下提醒 1 位家长'));
});

test('the coordinator sees coverage by county, school and class, counts only; a withheld figure reads 不显示, with no share', async () => {
  api.current.mockResolvedValue(current({ children: [] }));
  api.coverage.mockResolvedValue({
    campaign: { id: 'dragon_boat-2026', name: '2026年端午节' }, area: '思茅区', total: { signed: 21, eligible: 45 },
    counties: [{
      id: 'simao', name: '思茅区', signed: 21, eligible: 45, schools: [
        { id: 'sch-simao-1', name: '思茅区第一中学', signed: 20, eligible: 40, classes: [{ id: 'c', name: '八年级（2）班', signed: 20, eligible: 40 }] },
        { id: 'sch-simao-2', name: '思茅区实验小学', signed: null, eligible: 5, classes: [{ id: 'd', name: '五年级（1）班', signed: null, eligible: null }] },
      ],
    }],
  });
  const { container } = render(<CoveragePage />);
  await screen.findByText('47%');
  expect(container.textContent).toContain('已签 21 人，共 45 人');
  expect(container.textContent).toContain('20 / 40（50%）');
  expect(container.textContent).toContain('思茅区实验小学不显示 / 5');
  expect(container.textContent).toContain('五年级（1）班不显示 / 不显示');
  expect(container.textContent).not.toContain('null');
  expect(container.textContent).not.toContain('NaN');
  expect(container.textContent).toContain('显示为“不显示”');
});

test('a withheld total: 不显示 in place of the share', async () => {
  api.current.mockResolvedValue(current({ children: [] }));
  api.coverage.mockResolvedValue({
    campaign: { id: 'dragon_boat-2026', name: '2026年端午节' }, area: '思茅区', total: { signed: null, eligible: 7 },
    counties: [{ id: 'simao', name: '思茅区', signed: null, eligible: 7, schools: [] }],
  });
  const { container } = render(<CoveragePage />);
  await screen.findByText('已签人数不显示，共 7 人（有一位监护人签署就算已签）');
  expect(container.querySelector('.cov-big')?.textContent).toBe('不显示');
  expect(container.textContent).not.toContain('%');
});

test('a county coordinator sets the winter break for their county', async () => {
  runInAction(() => { sessionStore.roles = [{ role: 'coordinator', jurisdiction: 'simao' }]; });
  api.current.mockResolvedValue(current({ children: [], campaign: null, letter: null, pledges: [], next: { id: 'new_year-2027', name: '2027年元旦', opensOn: '2026-12-25' } }));
  const { container } = render(<CoveragePage />);
  await screen.findByText('设置放假时间');
  await tapAndSettle('保存放假时间');
  expect(write).not.toHaveBeenCalled();
  expect(container.textContent).toContain('请选好放假日期');
  const pickers = container.querySelectorAll('.cov-date');
  expect(pickers).toHaveLength(3);
  expect(container.textContent).toContain('适用于：本县（区）');
  runInAction(() => { sessionStore.roles = []; });
});

test('ticked pledges survive leaving the page (kept on the phone until signed)', async () => {
  api.current.mockResolvedValue(current());
  const first = render(<LetterPage />);
  await screen.findByText('2026年端午节假期安全告家长书');
  fireEvent.click(screen.getByText('孩子不在没有大人看护时下水游泳。'));
  first.unmount();
  const { container } = render(<LetterPage />);
  await screen.findByText('2026年端午节假期安全告家长书');
  const ticked = Array.from(container.querySelectorAll('.hh-choice--selected')).map((e) => e.textContent);
  expect(ticked).toEqual([expect.stringContaining('孩子不在没有大人看护时下水游泳。')]);
});

test('two children of different ages: each has the pledges for their age, the count says so, and signing sends only those', async () => {
  const pillion = { id: 'traffic.no_pillion_under12', text: '孩子还不满12岁，我不让孩子坐摩托车后座。', topic: 'traffic' as const, ages: { under: 12 } };
  const letter = current().letter!;
  api.current.mockResolvedValue(current({
    letter: { ...letter, pledges: [...TWO, pillion] },
    pledges: [...TWO, pillion],
    children: [
      { id: 'stu-older', name: '哥哥', campaignId: 'dragon_boat-2026', pledges: TWO, signedByMe: null, otherGuardians: [] },
      { id: 'stu-younger', name: '妹妹', campaignId: 'dragon_boat-2026', pledges: [...TWO, pillion], signedByMe: null, otherGuardians: [] },
    ],
  }));
  api.sign.mockResolvedValue(receipt({ studentId: 'stu-older', studentName: '哥哥', guardianLabel: '刘芳（母亲）' }));
  const { container } = render(<LetterPage />);
  await screen.findByText('哥哥的家长，您好');
  expect(container.textContent).toContain('下面2条都要做到，才能签署');
  expect(container.querySelectorAll('.hol-pledge')).toHaveLength(2);
  expect(container.textContent).not.toContain('摩托车后座');

  fireEvent.click(screen.getByText('妹妹'));
  await screen.findByText('妹妹的家长，您好');
  expect(container.textContent).toContain('下面3条都要做到，才能签署');
  expect(container.querySelectorAll('.hol-pledge')).toHaveLength(3);
  await tapAndSettle('全部都能做到，一起勾上');

  // back to the older child: her ticks are hers; his two ticked sign his two
  fireEvent.click(screen.getByText('哥哥'));
  await screen.findByText('哥哥的家长，您好');
  expect(container.textContent).toContain('下面2条都要做到，才能签署');
  await tapAndSettle('全部都能做到，一起勾上');
  (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: true, cancel: false });
  await tapAndSettle('我不方便写字，确认签署');
  expect(api.sign).toHaveBeenCalledWith(
    expect.objectContaining({ studentId: 'stu-older', pledgeIds: ['care.whereabouts', 'drowning.no_unsupervised'] }),
    expect.anything(),
  );
  await waitFor(() => expect(container.textContent).toContain('您承诺做到这2件事：'));
});

test('the receipt lists the pledges as signed, even when the child\'s letter has changed since (a birthday)', async () => {
  api.current.mockResolvedValue(current({
    children: [{
      id: 'stu-simao-1', name: '李小雨', campaignId: 'dragon_boat-2026', pledges: TWO, otherGuardians: [],
      signedByMe: {
        method: 'confirm', at: Date.parse('2026-06-15T10:00:00+08:00'), signatureUrl: null, label: '刘芳（母亲）',
        pledgeIds: [...TWO.map((p) => p.id), 'traffic.no_pillion_under12'],
        pledgeTexts: [...TWO.map((p) => p.text), '孩子还不满12岁，我不让孩子坐摩托车后座。'],
      },
    }],
  }));
  const { container } = render(<LetterPage />);
  await screen.findByText('✔ 已签署 · 回执');
  expect(container.textContent).toContain('您承诺做到这3件事：');
  expect(container.textContent).toContain('3. 孩子还不满12岁，我不让孩子坐摩托车后座。');
});
