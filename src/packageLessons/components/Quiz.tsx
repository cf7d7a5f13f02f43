/**
 * The quiz: one question after another on one screen. Choosing an option
 * locks that question and shows whether it was right, the right answer when
 * it was not, and why. The right answer is never marked before the reader
 * has chosen.
 */
import { Text, View } from '@tarojs/components';
import type { QuizQuestion } from '../../content/lessons/types';
import { asksWhatNeverToDo } from '../../domain/quiz';
import './Quiz.scss';

export interface QuizProps {
  questions: QuizQuestion[];
  chosen: ReadonlyArray<number | undefined>;
  onChoose: (question: number, option: number) => void;
}

/** Option marks: numbers, not A/B/C/D (no Latin letters in what a child or a grandparent reads, walk 18 #17). */
const MARKS = ['①', '②', '③', '④'];

function Question({ q, n, chosen, onChoose }: { q: QuizQuestion; n: number; chosen?: number; onChoose: (option: number) => void }) {
  const answered = chosen !== undefined;
  const right = answered && chosen === q.correct;
  // The answer to "what must you never do" is a danger: marked ⛔, never a green ✔ nor green at all (issue 18: a child
  // glancing at a green frame round "turn on the light" learns the wrong thing). It is framed orange, a warning, and
  // says in words that it is the answer because it must never be done; the wrong pick beside it is the red one.
  const never = asksWhatNeverToDo(q.text);
  const rightMark = never ? '⛔' : '✔';
  const answer = q.options[q.correct];
  const verdict = right
    ? `答对了！${never ? `“${answer}”千万不能做。` : ''}`
    : `答错了，正确答案是：${answer}${never ? '。这件事千万不能做。' : ''}`;
  return (
    <View className='quiz__question'>
      <Text className='quiz__text'>{`${n}. ${q.text}`}</Text>
      {q.options.map((o, i) => {
        const isRight = answered && i === q.correct;
        const isWrongPick = answered && i === chosen && !isRight;
        const mark = !answered ? '' : isRight ? (never ? 'quiz__option--never' : 'quiz__option--right') : isWrongPick ? 'quiz__option--wrong' : 'quiz__option--dim';
        return (
          <View key={i} className={`quiz__option ${mark}`} onClick={() => onChoose(i)}>
            <Text className='quiz__letter'>{isRight ? rightMark : isWrongPick ? '✘' : MARKS[i]}</Text>
            <Text className='quiz__label'>{o}</Text>
            {/* in words too: some phones draw ✔ ✘ ⛔ as empty boxes */}
            {isRight || isWrongPick ? <Text className='quiz__tag'>{isRight ? (never ? '千万不能做，这就是答案' : '正确答案') : '你选的，不对'}</Text> : null}
          </View>
        );
      })}
      {answered ? (
        <View className={`quiz__feedback ${right ? 'quiz__feedback--right' : 'quiz__feedback--wrong'}`}>
          <Text className='quiz__verdict'>{verdict}</Text>
          <Text className='quiz__explanation'>{q.explanation}</Text>
        </View>
      ) : null}
    </View>
  );
}

export default function Quiz({ questions, chosen, onChoose }: QuizProps) {
  return (
    <View className='quiz'>
      {questions.map((q, i) => (
        <Question key={q.id} q={q} n={i + 1} chosen={chosen[i]} onChoose={(o) => onChoose(i, o)} />
      ))}
    </View>
  );
}
