/** The forms behind the staff buttons of a case: 批办, 不予受理, 答复, 转办, 申请延期, 内部备注. */
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { type PropsWithChildren, useState } from 'react';
import Choices from '@/components/Choices';
import FormField from '@/components/FormField';
import PhotoPicker from '@/components/PhotoPicker';
import { call } from '@/services';
import { parseInput } from '@/shared/contract';
import { cases, FORM_LIMITS, type CaseDetail } from '@/shared/contracts/case';
import { usePhotoUploads } from '@/lib/use-photo-uploads';
import type { CaseLabels } from './labels';
import type { CaseAction } from './use-case-action';

interface FormProps {
  detail: CaseDetail;
  action: CaseAction;
  onCancel: () => void;
}

/** The frame of every form: title, fields, the cloud's message, 确认 and 取消. */
function ActionForm({ title, submit, action, onSubmit, onCancel, children }: PropsWithChildren<{ title: string; submit: string; action: CaseAction; onSubmit: () => void; onCancel: () => void }>) {
  return (
    <View className="lx-card case-form">
      <Text className="case-form__title">{title}</Text>
      {children}
      {action.error ? <Text className="lx-field-error">{action.error}</Text> : null}
      <View className="case-form__buttons">
        <Button size="large" onClick={onCancel}>
          取消
        </Button>
        <Button type="primary" size="large" loading={action.busy} onClick={onSubmit}>
          {submit}
        </Button>
      </View>
    </View>
  );
}

function TextBox({ name, value, onChange, placeholder, max }: { name: string; value: string; onChange: (value: string) => void; placeholder: string; max: number }) {
  return <Textarea className="lx-textarea" name={name} value={value} placeholder={placeholder} maxlength={max} onInput={(event) => onChange(event.detail.value)} />;
}

const WHOLE_STUDIO = 'studio';

// Who will read what a form's text box says: a badge beside each box so nobody writes for the wrong reader.
const RESIDENTS_READ = '居民可见';
const STAFF_READ = '仅工作人员可见';
const READ_BY_RESIDENTS = 'case-field--residents';
const READ_BY_STAFF = 'case-field--staff';

/** 批办: to one deputy of the studio, or to the studio as a whole; the deadline follows from the category. */
export function AssignForm({ detail, action, onCancel }: FormProps) {
  const [choice, setChoice] = useState('');
  const options = [...(detail.deputies ?? []).map((deputy) => ({ key: deputy.openid, label: deputy.name })), { key: WHOLE_STUDIO, label: '整个工作室' }];
  // Nothing chosen is refused on the spot (the schema's message under the field), never read as "the whole studio".
  const to = choice === WHOLE_STUDIO ? { wholeStudio: true as const } : choice ? { deputyOpenid: choice } : {};
  const submit = () => void action.run(() => call(cases.assign, parseInput(cases.assign, { id: detail.case._id, ...to })), '已批办');
  return (
    <ActionForm title="批办" submit="确认批办" action={action} onSubmit={submit} onCancel={onCancel}>
      <FormField label="交给哪位党代表办理" hint="办理期限按意见类别的工作日自动计算" error={action.fields.deputyOpenid}>
        <Choices label="承办代表" options={options} value={choice} onChange={setChoice} />
      </FormField>
    </ActionForm>
  );
}

/** 不予受理: only with a reason, written for the resident (who reads it in the inbox and the WeChat message). */
export function RefuseForm({ detail, action, onCancel }: FormProps) {
  const [reason, setReason] = useState('');
  const submit = () => void action.run(() => call(cases.refuse, parseInput(cases.refuse, { id: detail.case._id, reason })), '已不予受理');
  return (
    <ActionForm title="不予受理" submit="确认不予受理" action={action} onSubmit={submit} onCancel={onCancel}>
      <FormField label="理由" className={READ_BY_RESIDENTS} tag={RESIDENTS_READ} hint="这段理由会发给居民（消息中心和微信提醒）：请用居民看得懂的话写，不写其他人的情况" error={action.fields.reason}>
        <TextBox name="reason" value={reason} onChange={setReason} placeholder="请说明不予受理的理由" max={FORM_LIMITS.reason} />
      </FormField>
    </ActionForm>
  );
}

/** 答复: text and photos; every follower is told. */
export function ReplyForm({ detail, action, onCancel }: FormProps) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const uploads = usePhotoUploads(photos, setPhotos, FORM_LIMITS.photos);
  const submit = () => {
    if (uploads.uploading > 0) return;
    void action.run(() => call(cases.reply, parseInput(cases.reply, { id: detail.case._id, text, photos })), '已答复');
  };
  return (
    <ActionForm title="答复" submit="提交答复" action={action} onSubmit={submit} onCancel={onCancel}>
      <FormField label="答复内容" className={READ_BY_RESIDENTS} tag={RESIDENTS_READ} hint="提意见的居民和一起关注的人都会收到（消息中心和微信提醒）" error={action.fields.text}>
        <TextBox name="replyText" value={text} onChange={setText} placeholder="办理结果、依据和后续安排" max={FORM_LIMITS.reply} />
      </FormField>
      <FormField label="照片" tag="选填" error={action.fields.photos}>
        <PhotoPicker photos={photos} thumbs={uploads.thumbs} uploading={uploads.uploading} max={FORM_LIMITS.photos} onAdd={() => void uploads.add()} onRemove={uploads.remove} />
      </FormField>
    </ActionForm>
  );
}

/** 转办: to another deputy of the studio or to another studio, with a reason for colleagues only; the deadline stays. */
export function TransferForm({ detail, action, onCancel, labels }: FormProps & { labels: CaseLabels }) {
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const handler = detail.case.handler;
  const currentStudio = handler?.studioId ?? detail.case.studioId;
  const options = [
    ...(detail.deputies ?? []).filter((deputy) => deputy.openid !== handler?.deputyOpenid).map((deputy) => ({ key: `deputy:${deputy.openid}`, label: deputy.name })),
    ...labels.studios.filter((item) => item.id !== currentStudio).map((item) => ({ key: `studio:${item.id}`, label: item.name })),
  ];
  const submit = () => {
    const [kind, value] = target.split(/:(.*)/);
    const to = kind === 'deputy' ? { deputyOpenid: value } : kind === 'studio' ? { studioId: value } : {};
    void action.run(() => call(cases.transfer, parseInput(cases.transfer, { id: detail.case._id, reason, ...to })), '已转办');
  };
  return (
    <ActionForm title="转办" submit="确认转办" action={action} onSubmit={submit} onCancel={onCancel}>
      <FormField label="转给" hint="办理期限不变" error={action.fields.studioId ?? action.fields.deputyOpenid ?? action.fields.handler}>
        <Choices label="转办对象" options={options} value={target} onChange={setTarget} />
      </FormField>
      <FormField label="转办理由" className={READ_BY_STAFF} tag={STAFF_READ} hint="只有代表和管理员能看到；居民只会知道已转办和现在由谁办理" error={action.fields.reason}>
        <TextBox name="reason" value={reason} onChange={setReason} placeholder="为什么需要转办" max={FORM_LIMITS.reason} />
      </FormField>
    </ActionForm>
  );
}

/** 申请延期: once per case, on or before the deadline day, with a reason; the resident is told. */
export function ExtendForm({ detail, action, onCancel }: FormProps) {
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const submit = () =>
    void action.run(() => call(cases.extend, parseInput(cases.extend, { id: detail.case._id, reason, days: Number(days) || 0 })), '已延期');
  return (
    <ActionForm title="申请延期" submit="提交延期申请" action={action} onSubmit={submit} onCancel={onCancel}>
      <FormField label="延期几个工作日" hint={detail.case.limitDays ? `最多 ${detail.case.limitDays} 个工作日，每件只能延期一次` : '每件只能延期一次'} error={action.fields.days}>
        <Input className="lx-input" name="days" type="number" value={days} maxlength={2} placeholder="如：3" onInput={(event) => setDays(event.detail.value)} />
      </FormField>
      <FormField label="延期理由" className={READ_BY_RESIDENTS} tag={RESIDENTS_READ} hint="居民会在延期通知里看到这段理由" error={action.fields.reason}>
        <TextBox name="reason" value={reason} onChange={setReason} placeholder="为什么需要更多时间" max={FORM_LIMITS.reason} />
      </FormField>
    </ActionForm>
  );
}

/** 内部备注: for staff and deputies only; residents never see it. */
export function NoteForm({ detail, action, onCancel }: FormProps) {
  const [text, setText] = useState('');
  const submit = () => void action.run(() => call(cases.note, parseInput(cases.note, { id: detail.case._id, text })), '已保存');
  return (
    <ActionForm title="内部备注" submit="保存内部备注" action={action} onSubmit={submit} onCancel={onCancel}>
      <FormField label="备注内容" className={READ_BY_STAFF} tag={STAFF_READ} hint="居民看不到内部备注" error={action.fields.text}>
        <TextBox name="note" value={text} onChange={setText} placeholder="办理情况、联系记录等" max={FORM_LIMITS.note} />
      </FormField>
    </ActionForm>
  );
}
