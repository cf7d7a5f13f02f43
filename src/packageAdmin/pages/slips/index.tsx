/**
 * 邀请码纸条: one slip per child (name, code, QR, what the app does and never
 * does with the child's data), printed on A4 from the browser (H5) for the
 * parents' meeting. Issuing again gives new codes: the earlier ones of those
 * children stop working (a lost slip). On WeChat the QR is a mini-program
 * code that opens 我的 with the code filled in.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { canPrint, printSlips } from '../../print';
import { adminApi, dateText, SLIP_LINES, type Slip } from '../../service';
import '../../admin.scss';
import './index.scss';

const qrSrc = (qr: string) => (qr.startsWith('data:') ? qr : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`);

function SlipView({ slip, guardian }: { slip: Slip; guardian: boolean }) {
  return (
    <View className='slip'>
      <View className='slip__text'>
        <Text className='slip__name'>{`${slip.studentName ?? ''}${guardian ? ' 的家长' : ''}`}</Text>
        <Text className='slip__how'>{guardian ? '微信打开“护航”小程序 → 我的 → 输入邀请码，填写您的姓名。' : '微信打开“护航”小程序 → 我的 → 输入邀请码。'}</Text>
        <Text className='slip__code'>{slip.code}</Text>
        <Text className='slip__small'>{`一次有效，${dateText(slip.expiresAt)}前使用。`}</Text>
        <Text className='slip__small'>{guardian ? SLIP_LINES.does : SLIP_LINES.doesStudent}</Text>
        <Text className='slip__small'>{SLIP_LINES.never}</Text>
      </View>
      {slip.qr ? <Image className='slip__qr' src={qrSrc(slip.qr)} mode='aspectFit' /> : null}
    </View>
  );
}

export default function SlipsPage() {
  const { params } = useRouter();
  const classId = params.classId ?? '';
  const role = params.role === 'student' ? 'student' : 'guardian';
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    // every earlier unused code of the class stops working: ask first (a class's slips may already be in families' hands)
    const sure = await Taro.showModal({
      title: slips ? '重新生成全班的码？' : '生成全班的码？',
      content: '如果这个班之前已经生成过纸条，还没有用过的码会作废，要把新纸条发给还没绑定的家庭。已经绑定的不受影响。',
      confirmText: '生成', cancelText: '先不生成',
    });
    if (!sure.confirm) return;
    setBusy(true);
    setError(null);
    try { setSlips(await adminApi.issue({ classId, role, withQr: true })); } catch (e) { setError(messageOf(e)); } finally { setBusy(false); }
  };
  return (
    <PageShell>
      <View className='slips__controls'>
        <Card title={role === 'guardian' ? '家长邀请码纸条' : '学生邀请码'} subtitle='每个孩子一张，只能用一次，60天内有效。再生成一次，之前没用过的码就作废了（纸条丢了可以补发）。'>
          <View className='adm-actions'>
            <Button type='primary' loading={busy} onClick={() => void issue()}>{slips ? '重新生成全班的码' : '生成全班的码'}</Button>
            {slips ? <Button onClick={printSlips}>{canPrint ? '打印（A4）' : '打印'}</Button> : null}
          </View>
        </Card>
        {error ? <Notice>{error}</Notice> : null}
      </View>
      {slips ? <View className='slips'>{slips.map((s) => <SlipView key={s.code} slip={s} guardian={role === 'guardian'} />)}</View> : null}
    </PageShell>
  );
}
