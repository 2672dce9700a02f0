import Taro from '@tarojs/taro';
import { Cell } from '@nutui/nutui-react-taro';
import { Edit } from '@nutui/icons-react-taro';

export const OPINION_FORM_URL = '/pages/opinion-form/index';

/** Opens the opinion form; the complaint-and-suggestion channel must be reachable from every tab. */
export function openOpinionForm(): void {
  void Taro.navigateTo({ url: OPINION_FORM_URL });
}

/** A 我要提意见 row for pages whose main job is something else; isLast drops the divider inside a Cell.Group. */
export default function OpinionEntry({ isLast = false }: { isLast?: boolean }) {
  return (
    <Cell
      isLast={isLast}
      title="我要提意见"
      description="问题、建议、求助，都可以告诉我们"
      className="lx-cell-compact"
      extra={<Edit color="#c8161d" />}
      align="center"
      clickable
      onClick={openOpinionForm}
    />
  );
}
