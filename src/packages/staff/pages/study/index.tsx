/**
 * 学习内容管理 (admins, inside their scope): the articles written under a node — 草稿, 定时发布, 已发布, 已撤回 — with a
 * way to write a new one, and per article the read figures per branch: "1/20 已读", lowest share first, optionally only
 * the branches below a share. Counts only: no names, no ranking of people, no reading time (2026 regulation).
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useMemo, useState } from 'react';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { PERIOD_LABELS, periodOf, type PeriodKind } from '@/lib/case-figures';
import { call } from '@/services';
import { studyStaff } from '@/shared/contracts/study-staff';
import type { ArticleFigures, ArticleStaffCard } from '@/shared/study';
import type { QuizFigures } from '@/shared/study/quiz';
import { ARTICLE_STATUS_LABEL } from '@/shared/study/staff';
import { errorMessage } from '@/lib/errors';
import { useLoad } from '@/lib/use-load';
import { usePagedList } from '@/lib/use-paged-list';
import { account } from '@/shared/contracts/account';
import Sessions from './sessions';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import PagedRows from '../../components/PagedRows';
import { below, dateTime, readLine } from './figures';
import '@/components/FormField/index.css';
import '../index/index.css';
import './index.css';

const THRESHOLDS = [100, 80, 50] as const;
const PERIODS = (Object.keys(PERIOD_LABELS) as PeriodKind[]).map((key) => ({ key, label: PERIOD_LABELS[key] }));

function Figures({ id }: { id: string }) {
  const [figures, setFigures] = useState<ArticleFigures | null>(null);
  const [error, setError] = useState('');
  const [threshold, setThreshold] = useState<number>(100);
  const load = async () => {
    setError('');
    try {
      setFigures(await call(studyStaff.figures, { id }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  if (!figures) {
    return (
      <View className="study-figures">
        {error ? <Text className="lx-field-error">{error}</Text> : null}
        <Button size="small" onClick={() => void load()}>
          查看已读情况
        </Button>
      </View>
    );
  }
  const rows = below(figures.branches, threshold);
  return (
    <View className="study-figures" data-figures={id}>
      <Text className="study-figures__total">合计 {readLine(figures)}，已绑定微信 {figures.reached} 人</Text>
      <View className="lx-choices">
        {THRESHOLDS.map((value) => (
          <View key={value} className={threshold === value ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => setThreshold(value)}>
            <Text>{value >= 100 ? '全部支部' : `低于 ${value}%`}</Text>
          </View>
        ))}
      </View>
      {rows.length === 0 ? <Text className="lx-muted">没有低于这个比例的支部</Text> : null}
      {rows.map((row) => (
        <View key={row.branchId} className="study-figures__row" data-branch={row.branchId}>
          <Text className="study-figures__name">{row.branchName}</Text>
          <Text className="study-figures__value">{readLine(row)}</Text>
        </View>
      ))}
      <Text className="lx-muted">只统计人数和比例，不显示个人阅读情况和时长。</Text>
    </View>
  );
}

/** A quiz's figures per branch: participation, average best score, pass share, and the hardest questions. */
function QuizFiguresPanel({ quizId }: { quizId: string }) {
  const [figures, setFigures] = useState<QuizFigures | null>(null);
  const [error, setError] = useState('');
  const load = async () => {
    setError('');
    try {
      setFigures(await call(studyStaff.quizFigures, { quizId }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  if (!figures) {
    return (
      <View className="study-figures">
        {error ? <Text className="lx-field-error">{error}</Text> : null}
        <Button size="small" onClick={() => void load()}>
          查看测试情况
        </Button>
      </View>
    );
  }
  return (
    <View className="study-figures" data-quiz={quizId}>
      <Text className="study-figures__total">应知应会测试</Text>
      {figures.branches.map((row) => (
        <View key={row.branchId} className="study-figures__row">
          <Text className="study-figures__name">{row.branchName}</Text>
          <Text className="study-figures__value">
            参与 {row.took}/{row.targeted}（{row.participation}%）· 平均 {row.averageScore} 分 · 及格 {row.passShare}%
          </Text>
        </View>
      ))}
      {figures.hardest.length > 0 ? <Text className="study-figures__total">最难的题</Text> : null}
      {figures.hardest.map((row) => (
        <Text key={row.questionId} className="study-version">
          {row.stem}（答错 {row.wrongShare}%）
        </Text>
      ))}
      <Text className="lx-muted">只统计人数和比例，不显示个人成绩。</Text>
    </View>
  );
}

function ArticleRow({ item }: { item: ArticleStaffCard }) {
  return (
    <View className="lx-card study-staff-item" data-article={item.id}>
      <View>
        <Text className="study-staff-item__title">{item.title}</Text>
        <Text className="study-staff-item__status">{ARTICLE_STATUS_LABEL[item.status]}</Text>
      </View>
      <Text className="lx-muted">
        {item.required ? '必读' : '选读'} · 第 {item.version} 版 · {item.public ? '公开' : `发给 ${item.audienceNames.join('、') || '—'}`}
        {item.publishAt ? ` · ${item.status === 'scheduled' ? '定于' : ''}${dateTime(item.publishAt)}` : ''} · {item.byName}
      </Text>
      <View className="study-staff-item__actions">
        <Button size="small" onClick={() => void Taro.navigateTo({ url: `/packages/staff/pages/study/edit?id=${encodeURIComponent(item.id)}` })}>
          编辑
        </Button>
      </View>
      {item.status === 'published' || item.status === 'withdrawn' ? <Figures id={item.id} /> : null}
      {item.quizId && item.status !== 'draft' ? <QuizFiguresPanel quizId={item.quizId} /> : null}
    </View>
  );
}

/** 学习台账: the period's articles and quizzes per branch as .xlsx (counts only; the export is audited). */
function StudyLedger({ orgId }: { orgId: string }) {
  const [period, setPeriod] = useState<PeriodKind>('year');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [exported, setExported] = useState<{ url: string; rows: number; from: string; to: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setError('');
    setExported(null);
    try {
      const range = periodOf(period, Date.now());
      const answer = await call(studyStaff.ledger, { orgId, ...range });
      setExported({ url: answer.url, rows: answer.rows, ...range });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const openOnWeapp = (url: string) => () =>
    void Taro.downloadFile({ url })
      .then(({ tempFilePath }) => Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true }))
      .catch(() => Taro.showToast({ title: '打开失败，请稍后再试', icon: 'none' }));
  return (
    <View className="lx-card">
      <Text className="staff-head__title">学习台账</Text>
      <Text className="lx-muted">导出所选时段推送的文章和测试：各支部应学人数、已读比例、参与率、及格率（Excel 表格，只有人数和比例）。每次导出都会留痕。</Text>
      <Segmented options={PERIODS} value={period} onChange={setPeriod} />
      <Button size="large" block loading={busy} onClick={() => void run()}>
        导出学习台账
      </Button>
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      {exported ? (
        <View className="study-figures">
          <Text>
            {exported.from} 至 {exported.to}，共 {exported.rows} 篇文章
          </Text>
          {process.env.TARO_ENV === 'h5' ? (
            <a href={exported.url} download={`学习台账-${exported.from}-${exported.to}.xlsx`}>
              下载学习台账（.xlsx）
            </a>
          ) : (
            <Button size="large" block onClick={openOnWeapp(exported.url)}>
              打开学习台账
            </Button>
          )}
        </View>
      ) : null}
    </View>
  );
}

function StudyPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const list = usePagedList((offset, limit) => call(studyStaff.staffList, { orgId, offset, limit }), orgId);
  const tree = useLoad(() => call(account.orgTree, {}));
  const branches = useMemo(
    () => (tree.state.status === 'ready' ? tree.state.data.nodes.filter((node) => node.kind === 'branch' && node.path.includes(orgId)) : []),
    [tree.state, orgId],
  );
  usePullDownRefresh(() => void list.refresh().finally(() => void Taro.stopPullDownRefresh()));
  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">学习内容</Text>
        <Text className="lx-muted">写学习文章发给支部（或公开给所有人），可定时发布、修改（每次修改都留版本）、撤回；已读情况只显示各支部的人数和比例。</Text>
      </View>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} title="发布范围" />
      <Button type="primary" size="large" block onClick={() => void Taro.navigateTo({ url: `/packages/staff/pages/study/edit?orgId=${encodeURIComponent(orgId)}` })}>
        写新文章
      </Button>
      {orgId ? <StudyLedger key={orgId} orgId={orgId} /> : null}
      {orgId ? <Sessions key={`sessions-${orgId}`} orgId={orgId} branches={branches} /> : null}
      <Text className="lx-section-title">文章列表</Text>
      <PagedRows
        state={list.state}
        empty="还没有学习文章"
        onRetry={() => void list.refresh()}
        onMore={() => void list.loadMore()}
        row={(item) => <ArticleRow key={`${item.id}-${item.version}-${item.status}`} item={item} />}
      />
    </>
  );
}

/** 学习内容管理 (admins in scope). */
export default function StudyStaffPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <StudyPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
