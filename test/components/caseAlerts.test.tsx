/**
 * Staff accept the case-alert templates from a tap on WeChat; the answer is
 * read per template id. (The weapp file is loaded directly: jest resolves the
 * platform-neutral one, which asks nothing.)
 */
describe('case alerts on WeChat', () => {
  /** The weapp module with these template ids and this stand-in for wx.requestSubscribeMessage. */
  const load = (ids: string[], ask: jest.Mock) => {
    (global as any).ALERT_TEMPLATE_IDS = ids;
    let mod: typeof import('../../src/services/caseAlerts.weapp');
    jest.isolateModules(() => {
      require('@tarojs/taro').default.requestSubscribeMessage = ask;
      mod = require('../../src/services/caseAlerts.weapp');
    });
    return mod!;
  };
  afterEach(() => { delete (global as any).ALERT_TEMPLATE_IDS; });

  test('asks for the configured templates and reports acceptance', async () => {
    const ask = jest.fn().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T1: 'accept', T2: 'reject' });
    const m = load(['T1', 'T2'], ask);
    expect(m.canAskForAlerts).toBe(true);
    await expect(m.askForCaseAlerts()).resolves.toBe('accepted');
    expect(ask).toHaveBeenCalledWith({ tmplIds: ['T1', 'T2'] });
  });

  test('a refusal or a closed prompt is "rejected"', async () => {
    await expect(load(['T1'], jest.fn().mockResolvedValue({ T1: 'reject' })).askForCaseAlerts()).resolves.toBe('rejected');
    await expect(load(['T1'], jest.fn().mockRejectedValue(new Error('cancel'))).askForCaseAlerts()).resolves.toBe('rejected');
  });

  test('without configured templates nothing is asked', async () => {
    const ask = jest.fn();
    const m = load([], ask);
    expect(m.canAskForAlerts).toBe(false);
    await expect(m.askForCaseAlerts()).resolves.toBe('unavailable');
    expect(ask).not.toHaveBeenCalled();
  });
});
