import { RichText, View } from '@tarojs/components';
import './index.css';

/**
 * An article's body: the server's sanitized HTML, drawn by RichText on weapp and H5 alike — the member's page and the
 * editor's preview use this one component, so the preview is what members see.
 */
export default function ArticleBody({ html }: { html: string }) {
  return (
    <View className="lx-article-body">
      <RichText nodes={html} />
    </View>
  );
}
