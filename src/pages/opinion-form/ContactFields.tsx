import { Input, Text, View } from '@tarojs/components';
import Choices from '@/components/Choices';
import FormField from '@/components/FormField';
import type { OpinionDraft } from '@/lib/opinion-draft';
import type { FieldErrors } from './use-opinion-form';

interface ContactFieldsProps {
  draft: OpinionDraft;
  errors: FieldErrors;
  paper: boolean;
  onEdit: <K extends keyof OpinionDraft>(field: K, value: OpinionDraft[K]) => void;
}

const VISIBILITY = [
  { key: 'staff', label: '只给工作人员看' },
  { key: 'deputy', label: '承办代表也可以看' },
] as const;

/** 称呼 and 电话, both optional, with who sees them and the resident's choice about deputies. */
const PHONE_INPUT_TYPE = process.env.TARO_ENV === 'weapp' ? 'number' : 'text';

export default function ContactFields({ draft, errors, paper, onEdit }: ContactFieldsProps) {
  const given = draft.name.trim() !== '' || draft.phone.trim() !== '';
  return (
    <View className="lx-card">
      <Text className="form-contact__title">联系方式（选填）</Text>
      <Text className="form-contact__note">
        {paper
          ? '照纸质表填写；表上没有就不填。'
          : '姓名和电话都可以不填，不填也能提交和查看进度。填了的话，工作人员需要回访时才会查看（查看会留痕）；电话在其他地方都会隐去中间四位。'}
      </Text>
      <FormField label="称呼" tag="选填" error={errors.name}>
        <Input className="lx-input" name="name" placeholder="如：王阿姨" value={draft.name} maxlength={20} onInput={(event) => onEdit('name', event.detail.value)} />
      </FormField>
      <FormField label="电话" tag="选填" error={errors.phone}>
        <Input
          className="lx-input"
          name="phone"
          // weapp's number keypad has no dash (the number is stored with it anyway); a browser's number field would
          // throw away a typed '027-86881234' altogether.
          type={PHONE_INPUT_TYPE}
          placeholder="手机号或带区号的固定电话，如 027-86881234"
          value={draft.phone}
          maxlength={20}
          onInput={(event) => onEdit('phone', event.detail.value)}
        />
      </FormField>
      {given ? (
        <FormField label="承办的党代表能否看到我的称呼和电话？" error={errors.contactVisibleToDeputy}>
          <Choices
            label="联系方式给谁看"
            options={VISIBILITY}
            value={draft.contactVisibleToDeputy ? 'deputy' : 'staff'}
            onChange={(key) => onEdit('contactVisibleToDeputy', key === 'deputy')}
          />
        </FormField>
      ) : null}
    </View>
  );
}
