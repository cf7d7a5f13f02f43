/**
 * Feature pages start as placeholders; each must still render a real title
 * and say, in Chinese, why it is empty — never a blank or broken screen.
 */
import { render } from '@testing-library/react';
import type { ComponentType } from 'react';
// The same module jest maps @tarojs/taro to: lets the test set the page's query.
import { router } from './taroShim';
import ReportDone from '../../src/packageReport/pages/done/index';
import ReportStatus from '../../src/packageReport/pages/status/index';
import ReportSubmit from '../../src/packageReport/pages/submit/index';
import WorkCase from '../../src/packageWork/pages/case/index';
import WorkInbox from '../../src/packageWork/pages/inbox/index';
import WorkStats from '../../src/packageWork/pages/stats/index';
import Lesson from '../../src/packageLessons/pages/lesson/index';

const pages: [string, ComponentType, string][] = [
  ['packageReport/submit', ReportSubmit, '举报表单正在准备中'],
  ['packageReport/done', ReportDone, '还没有提交举报'],
  ['packageReport/status', ReportStatus, '查询功能正在准备中'],
  ['packageWork/inbox', WorkInbox, '工作台正在准备中'],
  ['packageWork/case', WorkCase, '还没有打开任何举报'],
  ['packageWork/stats', WorkStats, '统计正在准备中'],
];

describe('subpackage pages', () => {
  it.each(pages)('%s renders its title and an explanation', (_name, Page, title) => {
    const { container } = render(<Page />);
    expect(container.textContent).toContain(title);
    // an explanation, not just a heading
    expect((container.textContent ?? '').length).toBeGreaterThan(title.length + 20);
  });

  it('the lesson page shows the topic named in its query, and says the content is coming', () => {
    router.params = { id: 'drowning' };
    const { container } = render(<Lesson />);
    expect(container.textContent).toContain('防溺水');
    expect(container.textContent).toContain('课程内容正在准备中');
  });

  it('the lesson page explains an unknown lesson id instead of crashing', () => {
    router.params = { id: 'no-such-topic' };
    const { container } = render(<Lesson />);
    expect(container.textContent).toContain('没有找到这一课');
  });
});
