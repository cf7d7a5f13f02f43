import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { PAGES, go } from './pages/routes';
import { registerServiceWorker } from './services/serviceWorker';
import { reportQueue } from './stores/reportQueue';
import { reportReceipt } from './stores/reportReceipt';
import './app.scss';
import { flushIfWaiting } from './stores/lessonQueue';

/**
 * The app shell. Data loads where it is shown (pages call the stores), so
 * starting the app costs no request — except reports that were waiting for
 * the network: they go out as soon as there is one, and their answer (code +
 * secret) is offered at once, since it is shown only this one time.
 */
export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // H5 only: the app opens offline (serviceWorker.h5.ts); nothing on the weapp.
    registerServiceWorker();
    // lessons finished offline in an earlier run go out now (stores/lessonQueue.ts)
    void flushIfWaiting();
    reportQueue.start((answer) => {
      reportReceipt.show(answer);
      void Taro.showModal({
        title: '举报已经发出',
        content: '网络恢复了，你的举报已经交给有关部门。请马上去记下查询码和密码，它们只显示这一次。',
        showCancel: false,
        confirmText: '去记下来',
      }).then(() => {
        // The done page shows new answers as they come; open it unless it is already in front.
        const top = Taro.getCurrentPages().pop()?.route ?? '';
        if (!top.includes(PAGES.reportDone.replace(/^\//, ''))) void go.reportDone();
      });
    });
  });
  return children;
}
