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
  // The answer to "what must you never do" is a danger: marked ⛔ in red, never a green ✔.
  const never = asksWhatNeverToDo(q.text);
  const rightClass = never ? 'quiz__option--never' : 'quiz__option--right';
  const rightMark = never ? '⛔' : '✔';
  return (
    <View className='quiz__question'>
      <Text className='quiz__text'>{`${n}. ${q.text}`}</Text>
      {q.options.map((o, i) => {
        const mark = !answered ? '' : i === q.correct ? rightClass : i === chosen ? 'quiz__option--wrong' : 'quiz__option--dim';
        return (
          <View key={i} className={`quiz__option ${mark}`} onClick={() => onChoose(i)}>
            <Text className='quiz__letter'>{answered && i === q.correct ? rightMark : answered && i === chosen ? '✘' : MARKS[i]}</Text>
            <Text className='quiz__label'>{o}</Text>
          </View>
        );
      })}
      {answered ? (
        <View className={`quiz__feedback ${right ? 'quiz__feedback--right' : 'quiz__feedback--wrong'}`}>
          <Text className='quiz__verdict'>{never
            ? `${right ? '答对了！' : ''}“${q.options[q.correct]}”千万不能做。`
            : right ? '答对了！' : `正确答案是：${q.options[q.correct]}`}</Text>
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
