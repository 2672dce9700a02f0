import { Input, Text, Textarea, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import Choices from '@/components/Choices';
import FormField from '@/components/FormField';
import PageShell from '@/components/PageShell';
import PhotoPicker from '@/components/PhotoPicker';
import { call } from '@/services';
import { cases, FORM_LIMITS } from '@/shared/contracts/case';
import { tryLocation } from '@/lib/location';
import { useLoad as useData } from '@/lib/use-load';
import { requestPrivacyConsent } from '@/lib/use-privacy-consent';
import ContactFields from './ContactFields';
import PlaceField from './PlaceField';
import HeldNotice from './HeldNotice';
import Receipt from './Receipt';
import SimilarCases from './SimilarCases';
import { useOpinionForm } from './use-opinion-form';
import { useSimilar } from './use-similar';
import './index.css';

/**
 * 我要提意见 (and, with ?paper=1, staff typing in a paper form): the 意见征询表, then the receipt. A link names the place
 * with ?studio=&point=, a scanned 意见征询码 with ?scene=.
 */
export default function OpinionFormPage() {
  const { params } = useRouter();
  const paper = params.paper === '1';
  const form = useOpinionForm({ studio: params.studio || undefined, point: params.point || undefined, scene: params.scene || undefined, paper });
  const { draft, errors, edit } = form;
  const categories = useData(() => call(cases.categories, {}));
  const similar = useSimilar(draft, !paper && !form.submitted);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState('');

  // The form collects personal data: the privacy guide comes first (WeChat requires it before collecting).
  const [agreed, setAgreed] = useState<boolean | undefined>(undefined);
  const ask = () => void requestPrivacyConsent().then(setAgreed);
  useLoad(ask);

  const locate = async () => {
    setLocating(true);
    setLocationError('');
    const here = await tryLocation();
    setLocating(false);
    if (here.ok) edit('location', here.point);
    else setLocationError(`${here.message}也可以在内容里写明地点。`);
  };

  if (form.submitted?.held) return <HeldNotice onAgain={form.startOver} />;
  if (form.submitted) return <Receipt submitted={form.submitted} paper={paper} onAgain={form.startOver} />;

  const categoryOptions = categories.state.status === 'ready' ? categories.state.data.categories.map((c) => ({ key: c.key, label: c.label })) : [];

  return (
    <PageShell>
      {paper ? (
        <View className="lx-card form-paper">
          <Text className="form-paper__title">录入纸质意见表</Text>
          <Text className="lx-muted">照纸质表原样录入；提交后把回执编号写在表上交给居民，居民可凭编号认领。</Text>
        </View>
      ) : null}
      {form.restored ? <Text className="lx-section-title">已恢复你上次没写完的内容</Text> : null}

      <View className="lx-card">
        <PlaceField studioId={draft.studioId} servicePointId={draft.servicePointId} error={errors.studioId} onChange={(studioId, pointId) => {
          edit('studioId', studioId);
          edit('servicePointId', pointId);
        }} />

        <FormField label="意见类别" error={errors.category}>
          {categories.state.status === 'error' ? (
            <Button size="normal" onClick={() => void categories.reload()}>
              类别没有加载出来，点此重试
            </Button>
          ) : (
            <Choices label="意见类别" options={categoryOptions} value={draft.category} onChange={(key) => edit('category', key)} />
          )}
        </FormField>

        <FormField label="标题" hint="一句话说清是什么事" error={errors.title}>
          <Input
            className="lx-input"
            name="title"
            placeholder="例如：小区东门路灯不亮"
            value={draft.title}
            maxlength={FORM_LIMITS.title}
            onInput={(event) => edit('title', event.detail.value)}
          />
        </FormField>

        <FormField label="具体内容" hint="在哪里、什么情况、希望怎么解决" error={errors.content}>
          <Textarea
            className="lx-textarea"
            name="content"
            placeholder="请写下具体情况"
            value={draft.content}
            maxlength={FORM_LIMITS.content}
            onInput={(event) => edit('content', event.detail.value)}
          />
          <Text className="lx-muted form-count">
            {draft.content.length}/{FORM_LIMITS.content}
          </Text>
        </FormField>

        <SimilarCases found={similar} />

        <FormField label="照片" tag="选填" hint={`最多 ${FORM_LIMITS.photos} 张`} error={errors.photos}>
          <PhotoPicker
            photos={draft.photos}
            thumbs={form.photos.thumbs}
            uploading={form.photos.uploading}
            max={FORM_LIMITS.photos}
            onAdd={() => void form.photos.add()}
            onRemove={form.photos.remove}
          />
        </FormField>

        <FormField label="位置" tag="选填" error={errors.location || locationError}>
          {draft.location ? (
            <View className="form-location">
              <Text>已添加当前位置</Text>
              <Button size="normal" onClick={() => edit('location', null)}>
                移除位置
              </Button>
            </View>
          ) : (
            <Button size="large" block loading={locating} onClick={() => void locate()}>
              添加我的位置
            </Button>
          )}
        </FormField>
      </View>

      <ContactFields draft={draft} errors={errors} paper={paper} onEdit={edit} />

      {agreed === false ? (
        <View className="lx-card lx-error">
          <Text className="lx-error__message">你没有同意隐私保护指引，暂时不能提交意见。</Text>
          <Button size="large" block onClick={ask}>
            重新查看隐私保护指引
          </Button>
        </View>
      ) : null}
      {form.formError ? (
        <View className="lx-card lx-error form-error">
          <Text className="lx-error__message">{form.formError}</Text>
        </View>
      ) : null}
      <Button
        className="form-submit"
        type="primary"
        size="xlarge"
        block
        loading={form.busy}
        disabled={agreed === false || form.photos.uploading > 0}
        onClick={() => void form.submit()}
      >
        {form.photos.uploading > 0 ? '照片上传中…' : '提交'}
      </Button>
      <Text className="lx-section-title">也可以拨打 12345 热线反映问题。</Text>
    </PageShell>
  );
}
