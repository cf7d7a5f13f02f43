/**
 * 邀请码纸条: one slip per child (name, code, QR, what the app does and never
 * does with the child's data), printed on A4 from the browser (H5) for the
 * parents' meeting. Issuing again gives new codes: the earlier ones of those
 * children stop working (a lost slip). On WeChat the QR is a mini-program
 * code that opens 我的 with the code filled in.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { canPrint, printSlips } from '../../print';
import { adminApi, dateText, SLIP_LINES, type CodeList, type Slip } from '../../service';
import '../../admin.scss';
import './index.scss';

const qrSrc = (qr: string) => (qr.startsWith('data:') ? qr : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`);

function SlipView({ slip, guardian, place }: { slip: Slip; guardian: boolean; place: string }) {
  return (
    <View className='slip'>
      <View className='slip__text'>
        <Text className='slip__name'>{`${slip.studentName ?? ''}${guardian ? '的家长' : ''}`}</Text>
        {place ? <Text className='slip__place'>{place}</Text> : null}
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

/** The class's codes still waiting to be used, as slips: what was printed before, to print again without voiding any. */
const waitingSlips = (list: CodeList): Slip[] => list.codes
  .filter((c) => c.status === 'waiting')
  .sort((a, b) => a.studentName.localeCompare(b.studentName, 'zh-Hans-CN'))
  .map((c) => ({ studentId: c.studentId ?? undefined, studentName: c.studentName, code: c.code, expiresAt: c.expiresAt ?? 0, label: '', qr: c.qr }));

export default function SlipsPage() {
  const { params } = useRouter();
  const classId = params.classId ?? '';
  const role = params.role === 'student' ? 'student' : 'guardian';
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [place, setPlace] = useState('');
  const [issuedAt, setIssuedAt] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      const list = await adminApi.codes({ classId, role, withQr: true });
      setPlace(`${list.school.name} ${list.class.name}`);
      const waiting = waitingSlips(list);
      setSlips(waiting.length ? waiting : null);
      const times = list.codes.filter((c) => c.status === 'waiting' && c.createdAt).map((c) => c.createdAt as number);
      setIssuedAt(times.length ? Math.max(...times) : null);
    } catch (e) { setError(messageOf(e)); } finally { setLoading(false); }
  };
  useEffect(() => { void load(); }, [classId, role]);
  const issue = async () => {
    // every earlier unused code of the class stops working: ask first (a class's slips may already be in families' hands)
    const sure = await Taro.showModal({
      title: slips ? '重新生成全班的码？' : '生成全班的码？',
      content: slips
        ? `已经生成的 ${slips.length} 张纸条上的码会马上作废，要把新纸条发给还没绑定的家庭。只是要再打印一份，请点“打印”，不用重新生成。已经绑定的不受影响。`
        : '如果这个班之前已经生成过纸条，还没有用过的码会作废。已经绑定的不受影响。',
      confirmText: '生成', cancelText: '先不生成',
    });
    if (!sure.confirm) return;
    setBusy(true);
    setError(null);
    try {
      setSlips(await adminApi.issue({ classId, role, withQr: true }));
      setIssuedAt(Date.now());
    } catch (e) { setError(messageOf(e)); } finally { setBusy(false); }
  };
  const title = role === 'guardian' ? '家长邀请码纸条' : '学生邀请码';
  const subtitle = slips
    ? `这个班有 ${slips.length} 张纸条的码还没有用过${issuedAt ? `（${dateText(issuedAt)}生成）` : ''}，下面就是，可以直接打印。纸条丢了才需要重新生成：之前没用过的码都会作废。`
    : '每个孩子一张，只能用一次，60天内有效。再生成一次，之前没用过的码就作废了（纸条丢了可以补发）。';
  return (
    <PageShell>
      <View className='slips__controls'>
        <Card title={place ? `${title}：${place}` : title} subtitle={loading ? '正在查看这个班已经生成的纸条…' : subtitle}>
          <View className='adm-actions'>
            {slips ? <Button type='primary' onClick={printSlips}>{canPrint ? '打印（A4）' : '打印'}</Button> : null}
            <Button type={slips ? 'secondary' : 'primary'} loading={busy} disabled={loading} onClick={() => void issue()}>{slips ? '重新生成全班的码' : '生成全班的码'}</Button>
          </View>
        </Card>
        {error ? <Notice>{error}</Notice> : null}
      </View>
      {slips ? <View className='slips'>{slips.map((s) => <SlipView key={s.code} slip={s} guardian={role === 'guardian'} place={place} />)}</View> : null}
    </PageShell>
  );
}
