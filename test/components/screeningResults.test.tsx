/**
 * 筛查结果 and 录入纸质同意书 (walk 16 N7): grade chips read 八年级 like the
 * class names; after a paper consent, 回到名单 leads back to the list, which
 * reads itself again when shown.
 */
import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import PaperConsentPage from '../../src/packageScreening/pages/paper/index';
import ResultsView from '../../src/packageScreening/pages/results/ResultsView';
import { screeningApi } from '../../src/services/screening';
import { tapAndSettle, typeInto } from './reportFixtures';
import { router } from './taroShim';

jest.mock('../../src/services/screening', () => ({ screeningApi: { campaigns: jest.fn(), results: jest.fn(), paperConsent: jest.fn() } }));
jest.mock('../../src/services/upload', () => ({ choosePhotos: jest.fn(async () => ['/tmp/form.jpg']), uploadPhoto: jest.fn(async () => 'file-1') }));
const api = screeningApi as jest.Mocked<typeof screeningApi>;

beforeEach(() => jest.clearAllMocks());

test('grade chips say 八年级, as the class names do', async () => {
  router.params = {};
  api.campaigns.mockResolvedValue({ items: [{ id: 'cmp-a', name: '八年级心理测评', opensOn: '', closesOn: '', status: 'open', openNow: true, canManage: true }] });
  api.results.mockResolvedValue({
    campaign: { id: 'cmp-a', name: '八年级心理测评', opensOn: '2026-12-01', closesOn: '2026-12-19', status: 'open' }, openAlerts: 0,
    filters: { grades: [8], classes: [{ id: 'c', name: '八年级（2）班' }] }, rows: [],
  } as any);
  const { container } = render(<ResultsView />);
  await screen.findByText('全部年级');
  const chips = Array.from(container.querySelectorAll('.hh-choice--chip')).map((c) => c.textContent);
  expect(chips).toContain('八年级');
  expect(chips).not.toContain('8年级');
});

test('after a paper consent is recorded, 回到名单 goes back to the list', async () => {
  router.params = { studentId: 'stu-2', campaignId: 'cmp-a', name: encodeURIComponent('王梓涵') };
  api.paperConsent.mockResolvedValue({ overrodeDecline: false } as any);
  const { container } = render(<PaperConsentPage />);
  await typeInto(container, 'scr-input', '刘芳');
  await tapAndSettle('拍照或选择照片');
  await tapAndSettle('录入同意书');
  expect(container.textContent).toContain('王梓涵的纸质同意书已录入');
  (Taro as any).getCurrentPages = () => [{ route: 'packageScreening/pages/results/index' }, { route: 'packageScreening/pages/paper/index' }];
  await tapAndSettle('回到名单');
  expect(Taro.navigateBack).toHaveBeenCalled();
  // opened straight from a link: the list opens instead
  (Taro as any).getCurrentPages = () => [];
  await tapAndSettle('回到名单');
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageScreening/pages/results/index?campaignId=cmp-a' });
});
