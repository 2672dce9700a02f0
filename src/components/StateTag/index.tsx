import { Text } from '@tarojs/components';
import type { CaseState } from '@/shared/cases/model';
import { STATE_LABELS } from '@/shared/cases/states';
import './index.css';

/** A case's state as a coloured label (已提交, 已批办 …): colour by how far along it is, the words carry the meaning. */
export default function StateTag({ state }: { state: CaseState }) {
  return <Text className={`lx-state lx-state--${state}`}>{STATE_LABELS[state]}</Text>;
}
