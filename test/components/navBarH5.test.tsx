/**
 * H5 subpages (form, case, lesson) get a title bar with 返回 and 首页; the
 * tab pages do not (the tab bar is their navigation).
 */
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import NavBar from '../../src/components/PageShell/NavBar.h5';
import { router } from './taroShim';

const at = (path: string) => Object.assign(router, { path });

beforeEach(() => jest.clearAllMocks());
afterEach(() => { delete (router as { path?: string }).path; });

describe('H5 title bar', () => {
  it('on a subpage: the page title, 返回 and 首页', async () => {
    document.title = '我要举报';
    at('/packageReport/pages/submit/index');
    render(<NavBar />);
    expect(await screen.findByText('我要举报')).toBeTruthy();
    fireEvent.click(screen.getByText('首页'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
    // Opened straight from a link: 返回 goes home rather than out of the app.
    fireEvent.click(screen.getByText('‹ 返回'));
    expect(Taro.switchTab).toHaveBeenCalledTimes(2);
  });

  it('goes back when there is a page to go back to', () => {
    at('/packageWork/pages/case/index');
    const pages = jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'a' }, { route: 'b' }] as never);
    render(<NavBar />);
    fireEvent.click(screen.getByText('‹ 返回'));
    expect(Taro.navigateBack).toHaveBeenCalled();
    pages.mockRestore();
  });

  it('not on the tab pages', () => {
    for (const path of ['/pages/index/index', '/pages/report/index', '/pages/me/index', '/']) {
      at(path);
      const { container, unmount } = render(<NavBar />);
      expect(container.querySelector('.hh-navbar')).toBeNull();
      unmount();
    }
  });
});
