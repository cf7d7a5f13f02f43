/**
 * The quiz never puts a green ✔ beside the thing never to do (issue 18), and reads without Latin letters (walk 18 #17).
 * A wrong pick is said to be wrong in words, red; the right answer looks right (green, 正确答案), never red beside it;
 * the answer to "what must you never do" is framed as a warning (orange), never green, and says why it is the answer.
 */
import { render } from '@testing-library/react';
import Quiz from '../../src/packageLessons/components/Quiz';
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { latinProblem } from '../domain/latin';

const gas = {
  id: 'q1',
  text: '一进家门闻到很浓的燃气味，下列哪一项千万不能做？',
  options: ['关闭燃气阀门', '打开门窗通风', '马上打开电灯看看哪里漏气', '到屋外再打电话求助'],
  correct: 2,
  explanation: '开关电灯会产生电火花。',
};
const plain = { id: 'q2', text: '最可能是：', options: ['感冒了', '一氧化碳中毒'], correct: 1, explanation: '炭火。' };

const options = (c: HTMLElement) => Array.from(c.querySelectorAll('.quiz__option'));

test('the right answer to "what must you never do" is marked ⛔, framed as a warning (not green) and said to be never done', () => {
  const { container } = render(<Quiz questions={[gas]} chosen={[2]} onChoose={() => undefined} />);
  const option = options(container)[2];
  expect(option.className).toContain('quiz__option--never');
  expect(option.className).not.toContain('quiz__option--right');
  expect(container.querySelector('.quiz__option--wrong')).toBeNull();
  expect(container.textContent).not.toContain('✔');
  expect(option.textContent).toContain('⛔');
  expect(option.querySelector('.quiz__tag')?.textContent).toBe('千万不能做，这就是答案');
  expect(container.querySelector('.quiz__verdict')?.textContent).toBe('答对了！“马上打开电灯看看哪里漏气”千万不能做。');
});

test('a wrong pick on that question: the pick red and said wrong, the danger still ⛔ not ✔, neither red nor green', () => {
  const { container } = render(<Quiz questions={[gas]} chosen={[0]} onChoose={() => undefined} />);
  expect(container.textContent).not.toContain('✔');
  const [picked, , right] = options(container);
  expect(right.textContent).toContain('⛔');
  expect(right.className).toContain('quiz__option--never');
  expect(right.className).not.toContain('quiz__option--right');
  expect(right.className).not.toContain('quiz__option--wrong');
  expect(container.querySelectorAll('.quiz__option--wrong')).toHaveLength(1);
  expect(picked.className).toContain('quiz__option--wrong');
  expect(picked.querySelector('.quiz__tag')?.textContent).toBe('你选的，不对');
  expect(container.querySelector('.quiz__verdict')?.textContent).toBe('答错了，正确答案是：马上打开电灯看看哪里漏气。这件事千万不能做。');
});

test('an ordinary question keeps its green ✔', () => {
  const { container } = render(<Quiz questions={[plain]} chosen={[1]} onChoose={() => undefined} />);
  expect(options(container)[1].className).toContain('quiz__option--right');
  expect(container.textContent).toContain('✔');
  expect(container.querySelector('.quiz__verdict')?.textContent).toBe('答对了！');
});

test('a wrong pick on an ordinary question says 答错了 and the right answer, in words beside the marks', () => {
  const { container } = render(<Quiz questions={[plain]} chosen={[0]} onChoose={() => undefined} />);
  const [picked, right] = options(container);
  expect(picked.className).toContain('quiz__option--wrong');
  expect(picked.textContent).toContain('✘');
  expect(picked.querySelector('.quiz__tag')?.textContent).toBe('你选的，不对');
  expect(right.className).toContain('quiz__option--right');
  expect(right.textContent).toContain('✔');
  expect(right.querySelector('.quiz__tag')?.textContent).toBe('正确答案');
  expect(container.querySelector('.quiz__verdict')?.textContent).toBe('答错了，正确答案是：一氧化碳中毒');
  // before anyone chooses, nothing is tagged
  const fresh = render(<Quiz questions={[plain]} chosen={[]} onChoose={() => undefined} />);
  expect(fresh.container.querySelector('.quiz__tag')).toBeNull();
});

test('option marks and verdicts have no Latin letters: ①②③④, and the option quoted by its words', () => {
  const fresh = render(<Quiz questions={[gas]} chosen={[]} onChoose={() => undefined} />);
  expect(Array.from(fresh.container.querySelectorAll('.quiz__letter')).map((e) => e.textContent)).toEqual(['①', '②', '③', '④']);
  fresh.unmount();
  const wrong = render(<Quiz questions={[plain]} chosen={[0]} onChoose={() => undefined} />);
  expect(wrong.container.textContent).toContain('正确答案是：一氧化碳中毒');
  wrong.unmount();
  // every shipped quiz, answered right and answered wrong, read as a child or guardian sees it
  for (const l of ALL_LESSONS) {
    for (const pick of [(c: number) => c, (c: number) => (c + 1) % 2]) {
      const { container, unmount } = render(<Quiz questions={l.quiz} chosen={l.quiz.map((q) => pick(q.correct))} onChoose={() => undefined} />);
      expect([l.id, latinProblem(container.textContent ?? '')]).toEqual([l.id, []]);
      unmount();
    }
  }
});
