/**
 * Feature pages start as placeholders; each must still render a real title
 * and say, in Chinese, why it is empty — never a blank or broken screen.
 * (The report and workbench pages have their own tests: report*.test.tsx,
 * workbench*.test.tsx.)
 */
import { render } from '@testing-library/react';
// The same module jest maps @tarojs/taro to: lets the test set the page's query.
import { router } from './taroShim';
import Lesson from '../../src/packageLessons/pages/lesson/index';

describe('subpackage pages', () => {
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
