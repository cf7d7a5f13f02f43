/**
 * 录入纸质同意书 (psychology teacher): a guardian's signed paper form counts
 * only with its evidence: the guardian's name as on the roster, the date on
 * the form, and a photo of the signed form. The guardians are told in the
 * app and can withdraw; the teacher is told so before saving.
 */
import { Image, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { newRequestId } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { screeningApi } from '../../../services/screening';
import { choosePhotos, uploadPhoto } from '../../../services/upload';
import { chinaDay } from '../../../domain/chinaTime';
import { PAGES } from '../../../pages/routes';
import '../../components/screening.scss';

export default function PaperConsentPage() {
  const { params } = useRouter();
  const studentId = params.studentId ?? '';
  const campaignId = params.campaignId ?? '';
  const name = decodeURIComponent(params.name ?? '');
  const [guardianName, setGuardianName] = useState('');
  const [formDate, setFormDate] = useState(() => chinaDay(Date.now()));
  const [photo, setPhoto] = useState<{ path: string; fileId: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ overrodeDecline: boolean } | null>(null);
  const [requestId] = useState(newRequestId);

  const pick = async () => {
    setError(null);
    const [path] = await choosePhotos(1).catch((e) => { setError(messageOf(e)); return [] as string[]; });
    if (!path) return;
    setUploading(true);
    try {
      setPhoto({ path, fileId: await uploadPhoto(path) });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setUploading(false);
    }
  };

  const save = () => {
    setSaving(true);
    setError(null);
    screeningApi.paperConsent({ campaignId, studentId, guardianName: guardianName.trim(), formDate, photoId: photo?.fileId ?? '' }, { requestId })
      .then((r) => setDone({ overrodeDecline: r.overrodeDecline }), (e) => setError(messageOf(e)))
      .finally(() => setSaving(false));
  };

  // back to the 筛查结果 list it was opened from (which reads itself again), or open it when there is none to go back to
  const backToList = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `${PAGES.screeningResults}?campaignId=${encodeURIComponent(campaignId)}` });
  };

  if (done) {
    return (
      <PageShell>
        <Card title='已录入' tone='brand'>
          <Text className='hh-text'>{name}的纸质同意书已录入，孩子现在可以作答。</Text>
          <Text className='hh-text scr-line'>
            {done.overrodeDecline
              ? '这位家长之前在小程序里选了“不同意”。我们已在小程序里告诉家长“学校录入了您签署的纸质同意书”，家长可以随时撤回。'
              : '我们已在小程序里告诉家长“学校录入了您签署的纸质同意书”，家长可以看到照片和录入人，也可以撤回。'}
          </Text>
          <Button type='primary' onClick={backToList}>回到名单</Button>
        </Card>
      </PageShell>
    );
  }
  return (
    <PageShell>
      <View className='scr-wide'>
        <Card title={`${name || '学生'}的纸质同意书`} subtitle='没有签字照片的同意书不能录入'>
          <Text className='scr-field'>签字的监护人（照花名册上的名字填写）</Text>
          <Input className='scr-input scr-input--line' value={guardianName} maxlength={20} placeholder='例如：刘芳' onInput={(e) => setGuardianName(e.detail.value)} />
          <Text className='scr-field'>同意书上的签署日期</Text>
          <Picker mode='date' value={formDate} end={chinaDay(Date.now())} onChange={(e) => setFormDate(String(e.detail.value))}>
            <View className='scr-row'><Text>{formDate}</Text><Text className='scr-muted'>点这里改日期</Text></View>
          </Picker>
          <Text className='scr-field'>签好字的同意书照片（只有您和孩子的监护人能看到）</Text>
          {photo ? <Image className='scr-photo' src={photo.path} mode='widthFix' /> : null}
          <Button loading={uploading} onClick={() => void pick()}>{photo ? '重新拍照' : '拍照或选择照片'}</Button>
          <Notice type='info'>录入后，孩子的监护人会在小程序里收到“学校录入了您签署的纸质同意书”，能看到这张照片和录入人，并可以撤回。</Notice>
          {error ? <Notice>{error}</Notice> : null}
          <Button type='primary' big loading={saving} disabled={!guardianName.trim() || uploading} onClick={save}>录入同意书</Button>
        </Card>
      </View>
    </PageShell>
  );
}
