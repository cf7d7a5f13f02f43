import { Image, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { REPORT_LIMITS } from '../../services/report';
import type { ReportFormStore } from '../../stores/reportForm';
import Button from '../Button';

const STATE_TEXT = { uploading: '正在上传…', done: '已上传', failed: '没有传上去' } as const;

/** Up to three photos, uploaded as soon as they are picked. Optional. */
export default observer(function PhotosField({ form }: { form: ReportFormStore }) {
  return (
    <View className='hh-report-field'>
      <Text className='hh-text hh-text--secondary'>
        照片可以帮助处理人员找到地方、看清情况，没有也没关系。照片上传后会自动去掉拍摄地点等信息。注意安全，不要为了拍照靠近危险的地方。
      </Text>
      {form.photos.map((p, i) => (
        <View key={p.key} className={`hh-report-photo hh-report-photo--${p.state}`}>
          {p.path ? (
            <Image className='hh-report-photo__image' src={p.path} mode='aspectFill' />
          ) : (
            <Text className='hh-report-photo__image hh-report-photo__kept'>已上传</Text>
          )}
          <View className='hh-report-photo__side'>
            <Text className='hh-report-photo__state'>
              第{i + 1}张：{STATE_TEXT[p.state]}
            </Text>
            {p.error ? <Text className='hh-report-photo__error'>{p.error}</Text> : null}
            {p.state === 'failed' ? (
              <Button className='hh-report-photo-retry' onClick={() => void form.upload(p.key)}>
                重新上传
              </Button>
            ) : null}
            <Button className='hh-report-photo-remove' onClick={() => form.removePhoto(p.key)}>
              删除
            </Button>
          </View>
        </View>
      ))}
      {form.canAddPhoto ? (
        <Button className='hh-report-photo-add' onClick={() => void form.addPhotos()}>
          {form.photos.length === 0 ? '添加照片' : `再加一张（最多${REPORT_LIMITS.photosMax}张）`}
        </Button>
      ) : (
        <Text className='hh-text hh-text--secondary'>最多{REPORT_LIMITS.photosMax}张照片。</Text>
      )}
    </View>
  );
});
