/**
 * The weapp privacy popup: WeChat calls our onNeedPrivacyAuthorization
 * listener when a privacy-touching API is first used; the popup must show,
 * report its exposure, and answer WeChat with the user's choice.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ComponentType } from 'react';

type Listener = (resolve: jest.Mock) => void;
let listener: Listener;
let PrivacyPopup: ComponentType;

beforeAll(() => {
  const t = Taro as unknown as Record<string, unknown>;
  t.onNeedPrivacyAuthorization = jest.fn((fn: Listener) => {
    listener = fn;
  });
  // Required after the stub exists: the module registers its listener on load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PrivacyPopup = require('../../src/components/PrivacyPopup/index.weapp').default;
});

describe('PrivacyPopup (weapp)', () => {
  it('registers one listener for the whole app and stays hidden until WeChat asks', () => {
    expect(Taro.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
    const { container } = render(<PrivacyPopup />);
    expect(container.textContent).toBe('');
  });

  it('shows when WeChat asks, reports the exposure, and passes on 不同意', async () => {
    render(<PrivacyPopup />);
    const resolve = jest.fn();
    act(() => listener(resolve));
    expect(await screen.findByText('保护你的隐私')).toBeTruthy();
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });

    fireEvent.click(screen.getByText('不同意'));
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(screen.queryByText('保护你的隐私')).toBeNull();
  });

  it('answers agree with the id of the agree button once WeChat confirms the tap', async () => {
    const { container } = render(<PrivacyPopup />);
    const resolve = jest.fn();
    act(() => listener(resolve));
    await screen.findByText('保护你的隐私');
    const agree = container.querySelector('#hh-privacy-agree');
    expect(agree).toBeTruthy();
    act(() => {
      agree!.dispatchEvent(new CustomEvent('agreeprivacyauthorization', { bubbles: true }));
    });
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'hh-privacy-agree' });
    expect(screen.queryByText('保护你的隐私')).toBeNull();
  });
});
