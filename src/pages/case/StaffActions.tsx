import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import { TRANSITIONS, type TransitionName } from '@/shared/cases/states';
import { cases, type CaseDetail } from '@/shared/contracts/case';
import type { CaseLabels } from './labels';
import { AssignForm, ExtendForm, NoteForm, RefuseForm, ReplyForm, TransferForm } from './StaffForms';
import { useCaseAction } from './use-case-action';

// Residents' buttons are on the resident part of the page; staff are never offered them.
const RESIDENT_ACTIONS: readonly TransitionName[] = ['rate', 'claim', 'join'];
// These need no form: a confirmation is enough.
const CONFIRM: Partial<Record<TransitionName, { question: string; done: string }>> = {
  start: { question: '开始办理这件意见？', done: '已开始办理' },
  close: { question: '归档后这件意见就办结了，确定归档？', done: '已归档' },
};

/** The buttons `actionsFor` allows this staff member or deputy, each opening its form (or asking to confirm). */
export default function StaffActions({ detail, labels, onChanged }: { detail: CaseDetail; labels: CaseLabels; onChanged: () => void }) {
  const [open, setOpen] = useState<TransitionName | null>(null);
  const action = useCaseAction(() => {
    setOpen(null);
    onChanged();
  }, onChanged);
  const id = detail.case._id;
  const buttons = detail.actions.filter((name) => !RESIDENT_ACTIONS.includes(name));
  if (buttons.length === 0) return null;

  const tap = async (name: TransitionName) => {
    action.clear();
    const confirm = CONFIRM[name];
    if (!confirm) {
      setOpen(name);
      return;
    }
    setOpen(null);
    const answer = await Taro.showModal({ title: TRANSITIONS[name].label, content: confirm.question, confirmText: '确定', cancelText: '取消' });
    if (!answer.confirm) return;
    await action.run(() => (name === 'start' ? call(cases.start, { id }) : call(cases.close, { id })), confirm.done);
  };

  const cancel = () => setOpen(null);
  const props = { detail, action, onCancel: cancel };
  return (
    <>
      <Text className="lx-section-title">办理</Text>
      <View className="case-actions">
        {buttons.map((name) => (
          <Button key={name} size="large" type={open === name ? 'primary' : 'default'} onClick={() => void tap(name)}>
            {name === 'note' ? '内部备注' : TRANSITIONS[name].label}
          </Button>
        ))}
      </View>
      {action.error && !open ? <Text className="lx-field-error">{action.error}</Text> : null}
      {open === 'assign' ? <AssignForm {...props} /> : null}
      {open === 'refuse' ? <RefuseForm {...props} /> : null}
      {open === 'reply' ? <ReplyForm {...props} /> : null}
      {open === 'transfer' ? <TransferForm {...props} labels={labels} /> : null}
      {open === 'extend' ? <ExtendForm {...props} /> : null}
      {open === 'note' ? <NoteForm {...props} /> : null}
    </>
  );
}
