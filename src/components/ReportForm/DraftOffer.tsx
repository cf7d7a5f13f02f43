import { Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import Button from '../Button';
import Card from '../Card';
import { timeText } from '../timeText';
import type { ReportFormStore } from '../../stores/reportForm';

/**
 * A form left unsent on this phone (a reload, a closed app): continue it or
 * start again. It names no detail of what was written: someone else may be
 * holding the phone now.
 */
export default observer(function DraftOffer({ form }: { form: ReportFormStore }) {
  const d = form.savedDraft;
  if (!d) return null;
  return (
    <Card title='上次有没填完的内容' subtitle={`保存于 ${timeText(d.savedAt)}`} tone='brand' className='hh-report-draft'>
      <Text className='hh-text'>这台手机上保存着上次没有提交的内容。要接着填写吗？选“重新开始”会删掉它。</Text>
      <Button type='primary' big className='hh-report-draft-continue' onClick={() => form.continueDraft()}>
        继续填写
      </Button>
      <Button className='hh-report-draft-discard' onClick={() => form.discardDraft()}>
        重新开始
      </Button>
    </Card>
  );
});
