/**
 * 告家长书签署情况 (class teachers): my class only. Each child's state (which
 * guardian signed, when, how), a private reminder to the guardians who have
 * not signed, and the list as CSV. Nothing here is shown to families.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { dayText, percent } from '../../service';
import { ClassStore } from '../../staffStore';
import '../coverage/index.scss';

function ClassPage() {
  const [store] = useState(() => new ClassStore());
  useDidShow(() => {
    void store.load();
  });
  const { data, current } = store;
  let body;
  if (!current && store.loading) body = <Loading text='正在读取签署情况…' />;
  else if (!current) body = <RetryNotice message={store.error ?? '签署情况没有加载出来。'} onRetry={() => void store.load()} />;
  else if (!data) {
    body = (
      <EmptyState
        title='现在没有正在签署的告家长书'
        description={current.next ? `下一份是${current.next.name}的告家长书，${dayText(current.next.opensOn)}开始签署。` : '放假前，告家长书开始签署后，这里会显示全班的情况。'}
      />
    );
  } else {
    const unsigned = data.items.filter((i) => !i.signed);
    body = (
      <View>
        <Card title={`${data.campaign.name}告家长书`} subtitle={`${dayText(data.campaign.start)}放假，${dayText(data.campaign.resume)}开学`} tone='brand'>
          <Text className='cov-big hol-class-count'>{`已签 ${data.signed} / 共 ${data.eligible} 人`}</Text>
          <View className='cov-track'><View className='cov-fill' style={{ width: `${percent(data)}%` }} /></View>
          <Text className='hh-text cov-muted'>有一位监护人签署就算已签。这份名单只有您能看到，请不要在家长群里公布。</Text>
        </Card>
        {store.notice ? <Notice type='info'>{store.notice}</Notice> : null}
        <Card title='全班名单'>
          {data.items.map((i) => (
            <View key={i.studentId} className={`cov-row hol-child ${i.signed ? 'hol-child--signed' : 'hol-child--unsigned'}`}>
              <Text className='cov-row__name'>{i.name}</Text>
              {i.signed ? (
                i.signatures.map((s) => <Text key={s.guardian + s.at} className='cov-row__detail'>{`✔ ${s.guardian}，${s.methodName}，${s.atText}`}</Text>)
              ) : (
                <Text className='cov-row__detail cov-row__detail--todo'>{i.guardiansLinked > 0 ? '未签' : '未签（家长还没有绑定护航）'}</Text>
              )}
            </View>
          ))}
        </Card>
        <Button type='primary' className='hol-nudge' disabled={unsigned.length === 0} loading={store.busy} onClick={() => void store.nudge()}>
          {unsigned.length === 0 ? '全班都已签署' : `私下提醒未签的家长（${unsigned.length}个孩子）`}
        </Button>
        <Button className='hol-export' disabled={store.busy} onClick={() => void store.exportCsv()}>导出名单（CSV）</Button>
      </View>
    );
  }
  return <PageShell>{body}</PageShell>;
}

export default observer(ClassPage);
