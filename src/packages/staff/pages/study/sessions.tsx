/**
 * 测试场次 (admins): a quiz open to chosen branches between two times, its questions read from a table (题型、题目、
 * 选项A…F、答案、解析); the list of sessions in scope with per-branch figures (counts only).
 */
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import FormField from '@/components/FormField';
import { ApiError, call } from '@/services';
import { pickTable, uploadTable } from '@/services/roster-files';
import { chinaDateIn, chinaInstant } from '@/shared/calendar/dates';
import type { OrgNodeView } from '@/shared/contracts/account';
import { studyStaff } from '@/shared/contracts/study-staff';
import type { QuizFigures } from '@/shared/study/quiz';
import { errorMessage } from '@/lib/errors';
import { newRequestId } from '@/lib/request-id';
import { useLoad } from '@/lib/use-load';
import { dateTime } from './figures';

type Imported = Awaited<ReturnType<typeof importQuestions>>;

async function importQuestions() {
  const table = await pickTable();
  if (!table) return null;
  return call(studyStaff.quizImport, { fileID: await uploadTable(table) });
}

const chinaDay = (offsetDays: number): string => chinaDateIn(Date.now(), offsetDays);
const at = (date: string, time: string): number => {
  const [h, min] = time.split(':').map(Number);
  return chinaInstant(date, h + min / 60);
};

function SessionForm({ orgId, branches, onSaved }: { orgId: string; branches: OrgNodeView[]; onSaved: () => void }) {
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [openDate, setOpenDate] = useState(() => chinaDay(0));
  const [openTime, setOpenTime] = useState('09:00');
  const [closeDate, setCloseDate] = useState(() => chinaDay(7));
  const [closeTime, setCloseTime] = useState('18:00');
  const [draw, setDraw] = useState('10');
  const [passScore, setPassScore] = useState('60');
  const [imported, setImported] = useState<NonNullable<Imported> | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      await work();
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (fields) setErrors(fields);
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      if (!imported || imported.questions.length === 0) throw new ApiError({ code: 'INPUT.INVALID', message: '请先从表格导入题目' });
      await call(studyStaff.sessionSave, {
        requestId,
        orgId,
        title,
        branchIds: chosen,
        opensAt: at(openDate, openTime),
        closesAt: at(closeDate, closeTime),
        draw: Number(draw) || 1,
        passScore: Number(passScore) || 0,
        questions: imported.questions,
      });
      void Taro.showToast({ title: '已安排', icon: 'success' });
      setTitle('');
      setChosen([]);
      setImported(null);
      setRequestId(newRequestId());
      onSaved();
    });
  return (
    <View className="lx-card">
      <Text className="staff-head__title">安排测试场次</Text>
      <FormField label="测试名称" error={errors.title}>
        <Input className="lx-input" name="session-title" value={title} maxlength={40} onInput={(event) => setTitle(event.detail.value)} />
      </FormField>
      <FormField label="参加的支部" tag="可多选" error={errors.branchIds}>
        <View className="lx-choices">
          {branches.map((branch) => (
            <View
              key={branch.id}
              className={chosen.includes(branch.id) ? 'lx-choice lx-choice--selected' : 'lx-choice'}
              onClick={() => setChosen((list) => (list.includes(branch.id) ? list.filter((id) => id !== branch.id) : [...list, branch.id]))}
            >
              <Text>{branch.name}</Text>
            </View>
          ))}
        </View>
      </FormField>
      <FormField label="开始" error={errors.opensAt}>
        <View className="lx-choices">
          <Picker mode="date" value={openDate} onChange={(event) => setOpenDate(String(event.detail.value))}>
            <Text className="lx-choice lx-choice--selected">{openDate}</Text>
          </Picker>
          <Picker mode="time" value={openTime} onChange={(event) => setOpenTime(String(event.detail.value))}>
            <Text className="lx-choice lx-choice--selected">{openTime}</Text>
          </Picker>
        </View>
      </FormField>
      <FormField label="结束" error={errors.closesAt}>
        <View className="lx-choices">
          <Picker mode="date" value={closeDate} onChange={(event) => setCloseDate(String(event.detail.value))}>
            <Text className="lx-choice lx-choice--selected">{closeDate}</Text>
          </Picker>
          <Picker mode="time" value={closeTime} onChange={(event) => setCloseTime(String(event.detail.value))}>
            <Text className="lx-choice lx-choice--selected">{closeTime}</Text>
          </Picker>
        </View>
      </FormField>
      <FormField label="每次抽题数">
        <Input className="lx-input" name="session-draw" type="number" value={draw} onInput={(event) => setDraw(event.detail.value)} />
      </FormField>
      <FormField label="及格分" hint="百分制">
        <Input className="lx-input" name="session-pass" type="number" value={passScore} onInput={(event) => setPassScore(event.detail.value)} />
      </FormField>
      <Button size="large" block loading={busy} onClick={() => void run(async () => setImported(await importQuestions()))}>
        从表格导入题目
      </Button>
      {imported ? (
        <Text className="study-version">
          读入 {imported.questions.length} 道题{imported.errors.length > 0 ? `，${imported.errors.length} 行有误未读入` : ''}
        </Text>
      ) : null}
      {imported?.errors.map((item) => (
        <Text key={item.row} className="lx-field-error">
          第 {item.row} 行：{item.message}
        </Text>
      ))}
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <Button type="primary" size="large" block loading={busy} disabled={!title.trim() || chosen.length === 0} onClick={() => void save()}>
        安排测试
      </Button>
    </View>
  );
}

function SessionFigures({ quizId }: { quizId: string }) {
  const [figures, setFigures] = useState<QuizFigures | null>(null);
  const [error, setError] = useState('');
  if (!figures) {
    return (
      <View>
        {error ? <Text className="lx-field-error">{error}</Text> : null}
        <Button size="small" onClick={() => void call(studyStaff.quizFigures, { quizId }).then(setFigures, (failure: unknown) => setError(errorMessage(failure)))}>
          查看参加情况
        </Button>
      </View>
    );
  }
  return (
    <View className="study-figures">
      {figures.branches.map((row) => (
        <View key={row.branchId} className="study-figures__row">
          <Text className="study-figures__name">{row.branchName}</Text>
          <Text className="study-figures__value">
            参与 {row.took}/{row.targeted}（{row.participation}%）· 平均 {row.averageScore} 分 · 及格 {row.passShare}%
          </Text>
        </View>
      ))}
      <Text className="lx-muted">只统计人数和比例，不显示个人成绩。</Text>
    </View>
  );
}

/** 测试场次 of a scope: the form and the list. */
export default function Sessions({ orgId, branches }: { orgId: string; branches: OrgNodeView[] }) {
  const list = useLoad(() => call(studyStaff.sessionList, { orgId }));
  return (
    <>
      <Text className="lx-section-title">测试场次</Text>
      <SessionForm orgId={orgId} branches={branches} onSaved={() => void list.reload()} />
      {list.state.status === 'ready'
        ? list.state.data.items.map((item) => (
            <View key={item.quizId} className="lx-card" data-session={item.quizId}>
              <Text className="study-staff-item__title">{item.title}</Text>
              <Text className="lx-muted">
                {dateTime(item.opensAt)} 至 {dateTime(item.closesAt)} · {item.branchNames.join('、')} · {item.questions} 题
              </Text>
              <SessionFigures quizId={item.quizId} />
            </View>
          ))
        : null}
    </>
  );
}
