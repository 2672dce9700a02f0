/**
 * 编辑学习文章 (admins): title, summary, body (plain text — a blank line starts a paragraph — or simple HTML pasted from a
 * document; the server keeps only headings, paragraphs, lists, emphasis, links and images), topics, 必读/选读 and the
 * audience (branches, optionally only members with some roster tags, or public). 保存 keeps a version and shows the
 * preview exactly as members will see it (the server's cleaned body, drawn by the members' own component); then
 * 立即发布 or 定时发布, and 撤回 once published.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useMemo, useState } from 'react';
import ArticleBody from '@/components/ArticleBody';
import FormField from '@/components/FormField';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { ApiError, call } from '@/services';
import { chinaDateIn, chinaInstant } from '@/shared/calendar/dates';
import { account, type OrgNodeView } from '@/shared/contracts/account';
import { studyStaff } from '@/shared/contracts/study-staff';
import { DEFAULT_TAGS } from '@/shared/roster';
import { STUDY_TOPICS, type ArticleAttachment, type ArticleStaffView, type StudyTopic } from '@/shared/study';
import { ARTICLE_STATUS_LABEL } from '@/shared/study/staff';
import { JUDGE_OPTIONS, QUESTION_KIND_LABEL, type QuestionKind } from '@/shared/study/quiz';
import { errorMessage } from '@/lib/errors';
import { newRequestId } from '@/lib/request-id';
import { useLoad } from '@/lib/use-load';
import { pickTable, uploadTable } from '@/services/roster-files';
import { uploadImage } from '@/services/files';
import { chooseAndUploadPdf } from './files';
import { dateTime } from './figures';
import '../index/index.css';
import './index.css';

interface Draft {
  title: string;
  summary: string;
  body: string;
  tags: StudyTopic[];
  required: boolean;
  public: boolean;
  orgIds: string[];
  audienceTags: string[];
  /** Cloud fileIDs (the editor's own uploads, or those already on the article). */
  cover: string | null;
  attachments: ArticleAttachment[];
}

const EMPTY: Draft = { title: '', summary: '', body: '', tags: [], required: true, public: false, orgIds: [], audienceTags: [], cover: null, attachments: [] };
const MAX_ATTACHMENTS = 9;

function draftOf(article: ArticleStaffView): Draft {
  return {
    title: article.content.title,
    summary: article.content.summary,
    body: article.content.body,
    tags: article.content.tags as StudyTopic[],
    required: article.content.required,
    public: article.audience.public,
    orgIds: article.audience.orgIds,
    audienceTags: article.audience.tags,
    cover: article.content.cover,
    attachments: article.content.attachments,
  };
}

/** One image from the album or camera, uploaded to cloud storage (weapp: wx.cloud.uploadFile; H5: the local gateway). */
async function chooseAndUploadImage(): Promise<string | null> {
  let path: string | undefined;
  try {
    path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths[0];
  } catch {
    return null; // The picker was closed.
  }
  return path ? uploadImage(path) : null;
}

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

/** China date and time ('YYYY-MM-DD', 'HH:mm') → epoch ms. */
function chinaTime(date: string, time: string): number {
  const [h, min] = time.split(':').map(Number);
  return chinaInstant(date, h + min / 60);
}

function chinaToday(offsetDays = 0): string {
  return chinaDateIn(Date.now(), offsetDays);
}

function Choice({ on, label, onClick }: { on: boolean; label: string; onClick: () => void }) {
  return (
    <View className={on ? 'lx-choice lx-choice--selected' : 'lx-choice'} ariaRole="checkbox" ariaLabel={label} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  );
}

/** Publishing, scheduling and withdrawing the saved version. */
function PublishPanel({ article, dirty, onChanged }: { article: ArticleStaffView; dirty: boolean; onChanged: (next: ArticleStaffView) => void }) {
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [date, setDate] = useState(() => chinaToday(1));
  const [time, setTime] = useState('09:00');
  const [subscribe, setSubscribe] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const run = async (work: () => Promise<{ article: ArticleStaffView }>, done: string) => {
    setBusy(true);
    setMessage('');
    try {
      onChanged((await work()).article);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const live = article.status === 'published' || article.status === 'scheduled';
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回文章', content: '撤回后党员不能再打开这篇文章；已经发出的提醒不会收回。确定撤回吗？' });
    if (confirm) await run(() => call(studyStaff.withdraw, { id: article.id }), '已撤回');
  };
  return (
    <View className="lx-card">
      <Text className="staff-head__title">发布</Text>
      <Text className="lx-muted">
        当前状态：{ARTICLE_STATUS_LABEL[article.status]}
        {article.publishAt ? `（${dateTime(article.publishAt)}）` : ''}
      </Text>
      {!live ? (
        <>
          <FormField label="发布时间">
            <View className="lx-choices">
              <Choice on={when === 'now'} label="现在发布" onClick={() => setWhen('now')} />
              <Choice on={when === 'later'} label="选择时间" onClick={() => setWhen('later')} />
            </View>
            {when === 'later' ? (
              <View className="lx-choices">
                <Picker mode="date" value={date} start={chinaToday()} onChange={(event) => setDate(String(event.detail.value))}>
                  <Text className="lx-choice lx-choice--selected">{date}</Text>
                </Picker>
                <Picker mode="time" value={time} onChange={(event) => setTime(String(event.detail.value))}>
                  <Text className="lx-choice lx-choice--selected">{time}</Text>
                </Picker>
              </View>
            ) : null}
          </FormField>
          <FormField label="微信提醒" hint="只发给允许接收提醒的党员；所有人都能在消息中心和学习里看到">
            <View className="lx-choices">
              <Choice on={subscribe} label="同时发微信提醒" onClick={() => setSubscribe(true)} />
              <Choice on={!subscribe} label="不发提醒" onClick={() => setSubscribe(false)} />
            </View>
          </FormField>
          {dirty ? <Text className="lx-field-error">有改动还没保存：请先保存，发布的是保存后的版本。</Text> : null}
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={dirty}
            onClick={() => void run(() => call(studyStaff.publish, { id: article.id, subscribe, ...(when === 'later' ? { at: chinaTime(date, time) } : {}) }), '已发布')}
          >
            {when === 'later' ? '定时发布' : '立即发布'}
          </Button>
        </>
      ) : (
        <Button size="large" block loading={busy} onClick={() => void withdraw()}>
          撤回
        </Button>
      )}
      {message ? <Text className="lx-field-error">{message}</Text> : null}
    </View>
  );
}

interface QuestionDraft {
  kind: QuestionKind;
  stem: string;
  /** One option per line (判断题: 正确/错误). */
  options: string;
  answer: number[];
  explanation: string;
}

const NEW_QUESTION: QuestionDraft = { kind: 'single', stem: '', options: '', answer: [], explanation: '' };
const optionsOf = (question: QuestionDraft): string[] =>
  question.kind === 'judge' ? JUDGE_OPTIONS : question.options.split('\n').map((line) => line.trim()).filter(Boolean);

/** 应知应会测试 of the article: questions (单选/多选/判断, an explanation each), how many to draw, the pass mark. */
function QuizEditor({ article }: { article: ArticleStaffView }) {
  const [questions, setQuestions] = useState<QuestionDraft[]>([{ ...NEW_QUESTION }]);
  const [draw, setDraw] = useState('5');
  const [passScore, setPassScore] = useState('60');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [saved, setSaved] = useState(article.quizId ? '已配测试：再次保存会换成下面的题目' : '');
  const [rowErrors, setRowErrors] = useState<Array<{ row: number; message: string }>>([]);
  const importTable = async () => {
    setMessage('');
    setRowErrors([]);
    try {
      const table = await pickTable();
      if (!table) return;
      setBusy(true);
      const result = await call(studyStaff.quizImport, { fileID: await uploadTable(table) });
      if (result.questions.length > 0) {
        setQuestions(result.questions.map((question) => ({ kind: question.kind, stem: question.stem, options: question.kind === 'judge' ? '' : question.options.join('\n'), answer: question.answer, explanation: question.explanation })));
      }
      setRowErrors(result.errors);
      setSaved(`从表格读入 ${result.questions.length} 道题${result.errors.length > 0 ? `，${result.errors.length} 行有误未读入` : ''}；核对后点“保存测试”`);
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const change = (index: number, patch: Partial<QuestionDraft>) => setQuestions((list) => list.map((item, at) => (at === index ? { ...item, ...patch } : item)));
  const save = async () => {
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      const answer = await call(studyStaff.quizSave, {
        articleId: article.id,
        draw: Number(draw) || 1,
        passScore: Number(passScore) || 0,
        questions: questions.map((question) => ({ kind: question.kind, stem: question.stem, options: optionsOf(question), answer: question.answer, explanation: question.explanation })),
      });
      setSaved(`已保存：${answer.questions} 道题`);
      void Taro.showToast({ title: '测试已保存', icon: 'success' });
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (fields) setErrors(fields);
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="lx-card">
      <Text className="staff-head__title">应知应会测试</Text>
      <Text className="lx-muted">党员读完文章可以做题；每次从题目中随机抽题，交卷后看到正确答案和解析，可以反复做。成绩只有本人能看到。</Text>
      {saved ? <Text className="study-version">{saved}</Text> : null}
      <Button size="large" block loading={busy} onClick={() => void importTable()}>
        从表格导入题目
      </Button>
      <Text className="lx-muted">表格列：题型（单选/多选/判断）、题目、选项A…选项F、答案（如 B、ACD；判断题填 正确 或 错误）、解析。</Text>
      {rowErrors.map((item) => (
        <Text key={item.row} className="lx-field-error">
          第 {item.row} 行：{item.message}
        </Text>
      ))}
      {questions.map((question, index) => (
        <View key={index} className="study-figures" data-question-draft={index}>
          <FormField label={`第 ${index + 1} 题`} error={errors[`questions.${index}`] ?? errors[`questions.${index}.stem`]}>
            <View className="lx-choices">
              {(['single', 'multiple', 'judge'] as const).map((kind) => (
                <Choice key={kind} on={question.kind === kind} label={QUESTION_KIND_LABEL[kind]} onClick={() => change(index, { kind, answer: [] })} />
              ))}
            </View>
            <Input className="lx-input" name={`stem-${index}`} placeholder="题目" value={question.stem} maxlength={200} onInput={(event) => change(index, { stem: event.detail.value })} />
          </FormField>
          {question.kind !== 'judge' ? (
            <FormField label="选项" hint="每行一个选项" error={errors[`questions.${index}.options`]}>
              <Textarea className="lx-textarea" name={`options-${index}`} value={question.options} maxlength={500} onInput={(event) => change(index, { options: event.detail.value, answer: [] })} />
            </FormField>
          ) : null}
          <FormField label="正确答案" hint={question.kind === 'multiple' ? '可多选' : '选一个'} error={errors[`questions.${index}.answer`]}>
            <View className="lx-choices">
              {optionsOf(question).map((option, at) => (
                <Choice
                  key={`${option}-${at}`}
                  on={question.answer.includes(at)}
                  label={option}
                  onClick={() => change(index, { answer: question.kind === 'multiple' ? toggle(question.answer, at) : [at] })}
                />
              ))}
            </View>
          </FormField>
          <FormField label="解析" tag="选填">
            <Input className="lx-input" name={`explanation-${index}`} value={question.explanation} maxlength={300} onInput={(event) => change(index, { explanation: event.detail.value })} />
          </FormField>
          {questions.length > 1 ? (
            <Button size="small" onClick={() => setQuestions((list) => list.filter((_item, at) => at !== index))}>
              删除这道题
            </Button>
          ) : null}
        </View>
      ))}
      <Button size="large" block onClick={() => setQuestions((list) => [...list, { ...NEW_QUESTION }])}>
        再加一道题
      </Button>
      <FormField label="每次抽题数" error={errors.draw}>
        <Input className="lx-input" name="draw" type="number" value={draw} onInput={(event) => setDraw(event.detail.value)} />
      </FormField>
      <FormField label="及格分" hint="百分制" error={errors.passScore}>
        <Input className="lx-input" name="passScore" type="number" value={passScore} onInput={(event) => setPassScore(event.detail.value)} />
      </FormField>
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <Button type="primary" size="large" block loading={busy} onClick={() => void save()}>
        保存测试
      </Button>
    </View>
  );
}

function Editor({ initial, orgId, branches }: { initial: ArticleStaffView | null; orgId: string; branches: OrgNodeView[] }) {
  const [article, setArticle] = useState<ArticleStaffView | null>(initial);
  const [draft, setDraft] = useState<Draft>(() => (initial ? draftOf(initial) : EMPTY));
  const [saved, setSaved] = useState<Draft>(() => (initial ? draftOf(initial) : EMPTY));
  const [requestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const [uploading, setUploading] = useState(false);
  const addFile = async (choose: () => Promise<void>) => {
    setUploading(true);
    setMessage('');
    try {
      await choose();
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setUploading(false);
    }
  };
  const addImage = (use: (fileID: string) => void) =>
    addFile(async () => {
      const fileID = await chooseAndUploadImage();
      if (fileID) use(fileID);
    });

  const save = async () => {
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      const { article: next } = await call(studyStaff.save, {
        requestId,
        ...(article ? { id: article.id, baseVersion: article.version } : {}),
        orgId,
        title: draft.title,
        summary: draft.summary,
        body: draft.body,
        cover: draft.cover,
        attachments: draft.attachments,
        tags: draft.tags,
        required: draft.required,
        audience: { public: draft.public, orgIds: draft.orgIds, tags: draft.audienceTags },
      });
      setArticle(next);
      const stored = draftOf(next);
      setDraft(stored);
      setSaved(stored);
      void Taro.showToast({ title: `已保存第 ${next.version} 版`, icon: 'success' });
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (fields) setErrors(fields);
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="lx-card">
        <FormField label="标题" hint="最多 40 字" error={errors.title}>
          <Input className="lx-input" name="title" value={draft.title} maxlength={40} onInput={(event) => set({ title: event.detail.value })} />
        </FormField>
        <FormField label="摘要" tag="选填" hint="不填则取正文开头" error={errors.summary}>
          <Input className="lx-input" name="summary" value={draft.summary} maxlength={120} onInput={(event) => set({ summary: event.detail.value })} />
        </FormField>
        <FormField label="正文" hint="直接输入或粘贴文字，空一行为新的一段；也可粘贴带标题、列表、链接、图片的网页内容" error={errors.body}>
          <Textarea className="lx-textarea" name="body" value={draft.body} maxlength={100000} autoHeight onInput={(event) => set({ body: event.detail.value })} />
        </FormField>
        <FormField label="封面图片" tag="选填" hint="显示在学习列表里" error={errors.cover}>
          {draft.cover ? (
            <View className="study-file">
              <Text className="study-file__name">已选封面图片</Text>
              <Button size="small" onClick={() => set({ cover: null })}>
                移除封面
              </Button>
            </View>
          ) : null}
          <Button size="large" block loading={uploading} onClick={() => void addImage((cover) => set({ cover }))}>
            {draft.cover ? '更换封面图片' : '选择封面图片'}
          </Button>
        </FormField>
        <FormField label="附件" tag={`选填，最多 ${MAX_ATTACHMENTS} 个`} hint="PDF 或图片，每个不超过 10 MB：党员在文章下方点开查看（链接短时有效，只给发送范围内的人）" error={errors.attachments}>
          {draft.attachments.map((item, index) => (
            <View key={item.fileId} className="study-file">
              <Input
                className="lx-input study-file__name"
                name={`attachment-${index}`}
                value={item.name}
                maxlength={60}
                onInput={(event) => set({ attachments: draft.attachments.map((other, at) => (at === index ? { ...other, name: event.detail.value } : other)) })}
              />
              <Button size="small" onClick={() => set({ attachments: draft.attachments.filter((_, at) => at !== index) })}>
                删除
              </Button>
            </View>
          ))}
          {draft.attachments.length < MAX_ATTACHMENTS ? (
            <Button
              size="large"
              block
              loading={uploading}
              onClick={() =>
                void addFile(async () => {
                  const pdf = await chooseAndUploadPdf();
                  if (pdf) setDraft((current) => ({ ...current, attachments: [...current.attachments, { fileId: pdf.fileID, name: pdf.name, kind: 'pdf' }] }));
                })
              }
            >
              添加 PDF 附件
            </Button>
          ) : null}
          {draft.attachments.length < MAX_ATTACHMENTS ? (
            <Button
              size="large"
              block
              loading={uploading}
              onClick={() => void addImage((fileId) => setDraft((current) => ({ ...current, attachments: [...current.attachments, { fileId, name: `图片${current.attachments.length + 1}`, kind: 'image' }] })))}
            >
              添加图片附件
            </Button>
          ) : null}
        </FormField>
        <FormField label="主题" tag="最多 3 个" hint="党员可按主题筛选" error={errors.tags}>
          <View className="lx-choices">
            {STUDY_TOPICS.map((topic) => (
              <Choice key={topic} on={draft.tags.includes(topic)} label={topic} onClick={() => set({ tags: toggle(draft.tags, topic) })} />
            ))}
          </View>
        </FormField>
        <FormField label="类型">
          <View className="lx-choices">
            <Choice on={draft.required} label="必读" onClick={() => set({ required: true })} />
            <Choice on={!draft.required} label="选读" onClick={() => set({ required: false })} />
          </View>
        </FormField>
        <FormField label="发给" tag="可多选" hint={draft.public ? '公开：所有人（居民也）能看到；所选支部的党员还会收到推送' : '所选支部的党员能看到并收到推送'} error={errors.audience}>
          <View className="lx-choices">
            {branches.map((branch) => (
              <Choice key={branch.id} on={draft.orgIds.includes(branch.id)} label={branch.name} onClick={() => set({ orgIds: toggle(draft.orgIds, branch.id) })} />
            ))}
          </View>
          <View className="lx-choices">
            <Choice on={draft.public} label="同时公开给所有人" onClick={() => set({ public: !draft.public })} />
          </View>
        </FormField>
        <FormField label="只发给带这些标签的党员" tag="选填" hint="不选：所选支部的全部党员">
          <View className="lx-choices">
            {DEFAULT_TAGS.map((tag) => (
              <Choice key={tag} on={draft.audienceTags.includes(tag)} label={tag} onClick={() => set({ audienceTags: toggle(draft.audienceTags, tag) })} />
            ))}
          </View>
        </FormField>
        {message ? <Text className="lx-field-error">{message}</Text> : null}
        <View className="study-editor__actions">
          <Button type="primary" size="large" loading={busy} disabled={!draft.title.trim() || !draft.body.trim() || (!dirty && article !== null)} onClick={() => void save()}>
            {article ? '保存修改（新版本）' : '保存并预览'}
          </Button>
        </View>
      </View>

      {article ? (
        <>
          <Text className="lx-section-title">预览（党员看到的样子）</Text>
          <View className="lx-card study-preview">
            <Text className="study-preview__label">第 {article.version} 版</Text>
            <Text className="staff-head__title">{article.content.title}</Text>
            <ArticleBody html={article.preview} />
          </View>
          <PublishPanel article={article} dirty={dirty} onChanged={setArticle} />
          <QuizEditor key={article.id} article={article} />
          <Text className="lx-section-title">历史版本</Text>
          <View className="lx-card">
            {article.versions.map((version) => (
              <Text key={version.version} className="study-version">
                第 {version.version} 版 · {dateTime(version.at)} · {version.byName} · {version.title}
              </Text>
            ))}
          </View>
        </>
      ) : null}
    </>
  );
}

async function loadEditor(id: string | undefined): Promise<{ article: ArticleStaffView | null; nodes: OrgNodeView[] }> {
  const [article, tree] = await Promise.all([id ? call(studyStaff.staffGet, { id }).then((reply) => reply.article) : Promise.resolve(null), call(account.orgTree, {})]);
  return { article, nodes: tree.nodes };
}

/** 编辑学习文章: `?id=` edits one; `?orgId=` writes a new one under that node. */
export default function StudyEditPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : undefined;
  const { state, reload } = useLoad(() => loadEditor(id));
  const orgId = decodeURIComponent(params.orgId ?? '');
  const scopeId = state.status === 'ready' && state.data.article ? state.data.article.scopeOrgId : orgId;
  const branches = useMemo(
    () => (state.status === 'ready' ? state.data.nodes.filter((node) => node.kind === 'branch' && node.path.includes(scopeId)) : []),
    [state, scopeId],
  );
  return (
    <PageShell>
      <LoadState state={state} onRetry={() => void reload()} />
      {state.status === 'ready' ? <Editor initial={state.data.article} orgId={scopeId} branches={branches} /> : null}
    </PageShell>
  );
}

