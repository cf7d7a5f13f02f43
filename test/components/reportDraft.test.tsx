/**
 * Nothing a reporter wrote is lost on a reload: the unsent form is kept on
 * the phone as it is filled in, and the next visit offers 继续填写 or 重新开始.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import SubmitPage from '../../src/packageReport/pages/submit/index';
import { submitReport } from '../../src/services/report';
import { catalogStore } from '../../src/stores/catalog';
import { ReportFormStore, draftKey } from '../../src/stores/reportForm';
import { catalogAnswer, tap, tapClass } from './reportFixtures';

jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => jest.requireActual('./reportFixtures').catalogAnswer()),
}));
jest.mock('../../src/services/report', () => ({
  ...jest.requireActual('../../src/services/report'),
  submitReport: jest.fn(),
}));
jest.mock('../../src/services/upload', () => ({ choosePhotos: jest.fn(async () => []), uploadPhoto: jest.fn() }));

const KEY = draftKey('anonymous');

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync();
  runInAction(() => {
    catalogStore.catalog = catalogAnswer() as unknown as typeof catalogStore.catalog;
  });
});

async function startBullying(container: HTMLElement) {
  await waitFor(() => expect(container.querySelector('.hh-report-category--bullying')).toBeTruthy());
  tapClass(container, 'hh-report-category--bullying');
  tapClass(container, 'hh-report-next');
}

describe('the report form draft', () => {
  it('is kept on the phone as the form is filled, and a reload offers to continue where it was left', async () => {
    const first = render(<SubmitPage />);
    await startBullying(first.container);
    await waitFor(() => expect(Taro.getStorageSync(KEY)).toMatchObject({ category: 'bullying', stepIndex: 1 }));
    first.unmount(); // the page is reloaded, or the app closed

    const again = render(<SubmitPage />);
    expect(await screen.findByText('上次有没填完的内容')).toBeTruthy();
    expect(again.container.textContent).not.toContain('欺凌'); // it names nothing of what was written
    tap('继续填写');
    await waitFor(() => expect(again.container.querySelector('.hh-report-flag--injury-yes')).toBeTruthy());
    again.unmount();
  });

  it('重新开始 removes it', async () => {
    const first = render(<SubmitPage />);
    await startBullying(first.container);
    await waitFor(() => expect(Taro.getStorageSync(KEY)).toBeTruthy());
    first.unmount();

    const again = render(<SubmitPage />);
    tap(await screen.findByText('重新开始').then(() => '重新开始'));
    expect(Taro.getStorageSync(KEY)).toBe('');
    await waitFor(() => expect(again.container.querySelector('.hh-report-category--bullying')).toBeTruthy());
    again.unmount();
  });

  it('is removed once the report is sent', async () => {
    (submitReport as jest.Mock).mockResolvedValue({ trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH', priority: 'P3', routedTo: [], dueAt: 1 });
    const form = new ReportFormStore('anonymous');
    form.setCategories(catalogAnswer().categories as any);
    form.startDrafts();
    form.chooseCategory('other');
    form.choosePlaceMode('elsewhere');
    form.chooseCounty('simao');
    form.setPlace('学校后门的小卖部');
    form.chooseWhen('unknown');
    form.setDescription('学校后门有人卖管制刀具给学生，很多人都看见了。');
    await waitFor(() => expect(Taro.getStorageSync(KEY)).toMatchObject({ description: '学校后门有人卖管制刀具给学生，很多人都看见了。' }));
    const sent = await form.submit();
    expect([sent, form.submitError]).toEqual(['sent', null]);
    expect(Taro.getStorageSync(KEY)).toBe('');
    form.stopDrafts();
  });
});
