/**
 * 应知应会 (study subpackage): `?id=` takes one quiz — questions drawn for this attempt, 交卷, then the score, the right
 * answers and the explanations, and 再做一次; `?sessions=1` lists the 测试场次 sent to the member's branch; `?mine=1` shows the member's own passes and wrong-answer list. Scores are
 * the member's own: staff see only counts per branch.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { studyQuiz } from '@/shared/contracts/study-quiz';
import { QUESTION_KIND_LABEL, type QuestionResult, type QuestionView, type QuizResult, type QuizStart } from '@/shared/study/quiz';
import { QUIZ_PAGE } from '@/shared/study';
import { errorMessage } from '@/lib/errors';
import { fullTime } from '@/lib/time';
import { useLoad } from '@/lib/use-load';
import '@/components/FormField/index.css';
import './index.css';

const letters = (indexes: readonly number[], options: readonly string[]): string =>
  indexes.length === 0 ? '未作答' : indexes.map((index) => options[index] ?? '').join('、');

function Question({ question, number, chosen, onChoose }: { question: QuestionView; number: number; chosen: number[]; onChoose: (next: number[]) => void }) {
  const pick = (index: number) => {
    if (question.kind === 'multiple') onChoose(chosen.includes(index) ? chosen.filter((item) => item !== index) : [...chosen, index].sort());
    else onChoose([index]);
  };
  return (
    <View className="lx-card quiz-question" data-question={question.id}>
      <Text className="quiz-question__kind">
        {number}. {QUESTION_KIND_LABEL[question.kind]}
        {question.kind === 'multiple' ? '（可多选）' : ''}
      </Text>
      <Text className="quiz-question__stem">{question.stem}</Text>
      <View className="quiz-options">
        {question.options.map((option, index) => (
          <View
            key={option}
            className={chosen.includes(index) ? 'lx-choice lx-choice--selected quiz-option' : 'lx-choice quiz-option'}
            ariaRole={question.kind === 'multiple' ? 'checkbox' : 'radio'}
            ariaLabel={option}
            onClick={() => pick(index)}
          >
            <Text>{option}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Result({ item, number }: { item: QuestionResult; number: number }) {
  return (
    <View className={item.correct ? 'lx-card quiz-result' : 'lx-card quiz-result quiz-result--wrong'}>
      <Text className="quiz-question__kind">
        {number}. {item.correct ? '答对了' : '答错了'}
      </Text>
      <Text className="quiz-question__stem">{item.stem}</Text>
      <Text className="quiz-result__line">你的答案：{letters(item.chosen, item.options)}</Text>
      <Text className="quiz-result__line">正确答案：{letters(item.answer, item.options)}</Text>
      {item.explanation ? <Text className="quiz-result__explain">解析：{item.explanation}</Text> : null}
    </View>
  );
}

function Quiz({ quizId }: { quizId: string }) {
  const [round, setRound] = useState(0);
  const { state, reload } = useLoad(() => call(studyQuiz.quizStart, { quizId }));
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  const start: QuizStart = state.data;
  const unanswered = start.questions.filter((question) => (answers[question.id] ?? []).length === 0).length;
  const submit = async () => {
    if (unanswered > 0) {
      const { confirm } = await Taro.showModal({ title: '交卷', content: `还有 ${unanswered} 题没有作答，确定交卷吗？` });
      if (!confirm) return;
    }
    setBusy(true);
    setMessage('');
    try {
      setResult(await call(studyQuiz.quizSubmit, { attemptId: start.attemptId, answers }));
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const again = () => {
    setAnswers({});
    setResult(null);
    setRound(round + 1);
    void reload();
  };
  if (result) {
    return (
      <>
        <View className="lx-card quiz-score">
          <Text className="quiz-score__value">{result.score} 分</Text>
          <Text className={result.passed ? 'quiz-score__pass' : 'quiz-score__fail'}>{result.passed ? '已及格' : `未及格（${result.passScore} 分及格）`}</Text>
          <Text className="lx-muted">成绩只有你自己能看到，可以反复练习。</Text>
        </View>
        {result.results.map((item, index) => (
          <Result key={item.id} item={item} number={index + 1} />
        ))}
        <Button type="primary" size="large" block onClick={again}>
          再做一次
        </Button>
      </>
    );
  }
  return (
    <>
      <View className="lx-card">
        <Text className="quiz-title">{start.title}</Text>
        <Text className="lx-muted">
          共 {start.questions.length} 题，{start.passScore} 分及格。交卷后能看到正确答案和解析。
        </Text>
      </View>
      {start.questions.map((question, index) => (
        <Question key={`${round}-${question.id}`} question={question} number={index + 1} chosen={answers[question.id] ?? []} onChoose={(next) => setAnswers({ ...answers, [question.id]: next })} />
      ))}
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <Button type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        交卷
      </Button>
    </>
  );
}

/** 测试场次 sent to the member's branch: open now, or coming. */
function Sessions() {
  const { state, reload } = useLoad(() => call(studyQuiz.sessions, {}));
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  const { items } = state.data;
  return (
    <>
      <Text className="lx-section-title">测试场次</Text>
      {items.length === 0 ? <Text className="lx-muted">现在没有发给你所在支部的测试场次</Text> : null}
      {items.map((item) => (
        <View key={item.quizId} className="lx-card quiz-session" data-session={item.quizId}>
          <Text className="quiz-title">{item.title}</Text>
          <Text className="lx-muted">
            {fullTime(item.opensAt)} 至 {fullTime(item.closesAt)}
          </Text>
          {item.open ? (
            <Button type="primary" size="large" block onClick={() => void Taro.navigateTo({ url: `${QUIZ_PAGE}?id=${encodeURIComponent(item.quizId)}` })}>
              开始答题
            </Button>
          ) : (
            <Text className="quiz-result__line">还没开始，到时间再来</Text>
          )}
        </View>
      ))}
    </>
  );
}

/** 我的测试记录 and 错题本: the member's own. */
function Mine() {
  const { state, reload } = useLoad(() => call(studyQuiz.quizMine, {}));
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  const { passed, wrong } = state.data;
  return (
    <>
      <Text className="lx-section-title">已通过的测试</Text>
      <View className="lx-card">
        {passed.length === 0 ? <Text className="lx-muted">还没有通过的测试</Text> : null}
        {passed.map((item) => (
          <Text key={item.quizId} className="quiz-result__line">
            {item.title} · 最好成绩 {item.score} 分
          </Text>
        ))}
      </View>
      <Text className="lx-section-title">错题本</Text>
      {wrong.length === 0 ? <Text className="lx-muted">没有错题</Text> : null}
      {wrong.map((item, index) => (
        <Result key={item.id} item={{ ...item, chosen: [], correct: false }} number={index + 1} />
      ))}
      <Text className="lx-muted">测试记录和错题只有你自己能看到；再次答对的题会从错题本移出。</Text>
    </>
  );
}

export default function QuizPage() {
  const { params } = useRouter();
  const quizId = decodeURIComponent(params.id ?? '');
  return <PageShell>{params.sessions ? <Sessions /> : params.mine ? <Mine /> : <Quiz quizId={quizId} />}</PageShell>;
}
