/** The coordinator's screening page shows aggregates only, small cells as "<5". */
import { render, screen } from '@testing-library/react';
import StatsPage from '../../src/packageScreening/pages/stats/index';
import { screeningApi } from '../../src/services/screening';
import { router } from './taroShim';

jest.mock('../../src/services/screening', () => ({ screeningApi: { campaigns: jest.fn(), stats: jest.fn() } }));
const api = screeningApi as jest.Mocked<typeof screeningApi>;
const cov = (eligible: number, finished: number) => ({ eligible, finished, awaitingConsent: 2, declined: 1 });

test('coverage and band cells, a withheld figure shown as 不显示 (with no share where either side is withheld)', async () => {
  router.params = {};
  api.campaigns.mockResolvedValue({ items: [{ id: 'cmp-a', name: '筛查', opensOn: '', closesOn: '', status: 'open', openNow: true, canManage: false }] });
  api.stats.mockResolvedValue({
    campaign: { id: 'cmp-a', name: '思茅区八年级心理测评', closesOn: '2026-12-10' },
    total: cov(30, 18), byCounty: [{ countyId: 'simao', name: '思茅区', ...cov(30, 18) }],
    bySchool: [{ schoolId: 's', name: '南屏镇学校', overdueAlerts: 1, ...cov(30, 18) }],
    byClass: [{ classId: 'd', name: '八年级（1）班', eligible: 10, finished: null, awaitingConsent: null, declined: null }, { classId: 'c', name: '七年级（1）班', ...cov(20, 15) }],
    trend: [],
    bands: [{ countyName: '思茅区', grade: 7, instrumentName: 'PHQ-A', n: 15, bands: [{ key: 'minimal', label: '无或极轻微', count: 7 }, { key: 'mild', label: '轻度', count: null }] }],
  });
  const { container } = render(<StatsPage />);
  expect(await screen.findByText('思茅区八年级心理测评')).toBeTruthy();
  expect(api.stats).toHaveBeenCalledWith('cmp-a');
  expect(container.textContent).toContain('完成 18/30（60%）');
  expect(container.textContent).toContain('超时预警 1');
  expect(container.textContent).toContain('无或极轻微 7 · 轻度 不显示');
  expect(container.textContent).toContain('完成 不显示/10 · 待同意 不显示 · 不参加 不显示');
  expect(container.textContent).not.toContain('null');
  expect(container.textContent).not.toContain('NaN');
  expect(container.textContent).toContain('只有1到4人的数字');
});

test('no one has finished yet: the distribution card says so instead of standing empty', async () => {
  router.params = {};
  api.campaigns.mockResolvedValue({ items: [{ id: 'cmp-a', name: '筛查', opensOn: '', closesOn: '', status: 'open', openNow: true, canManage: false }] });
  api.stats.mockResolvedValue({
    campaign: { id: 'cmp-a', name: '思茅区八年级心理测评', closesOn: '2026-12-10' },
    total: cov(30, 0), byCounty: [], bySchool: [{ schoolId: 's', name: '南屏镇学校', overdueAlerts: 0, ...cov(30, 0) }], byClass: [], trend: [], bands: [],
  });
  const { container } = render(<StatsPage />);
  expect(await screen.findByText('思茅区八年级心理测评')).toBeTruthy();
  expect(container.textContent).toContain('还没有同学完成这次测评');
});
