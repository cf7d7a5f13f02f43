import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportPage from '../../src/pages/report/index';

describe('举报 tab', () => {
  beforeEach(() => jest.clearAllMocks());

  it('always shows the four emergency numbers, each one dialable with one tap', () => {
    const { container } = render(<ReportPage />);
    const text = container.textContent ?? '';
    for (const [number, name] of [['110', '报警'], ['120', '急救'], ['12356', '心理援助热线'], ['12355', '青少年服务台']]) {
      expect(text).toContain(number);
      expect(text).toContain(name);
    }
    fireEvent.click(screen.getByText('12356'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12356' });
    fireEvent.click(screen.getByText('110'));
    expect(Taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '110' });
  });

  it('opens the report form and the progress check in the report subpackage', () => {
    render(<ReportPage />);
    fireEvent.click(screen.getByText('我要举报'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageReport/pages/submit/index' });
    fireEvent.click(screen.getByText('查询举报进度'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packageReport/pages/status/index' });
  });
});
