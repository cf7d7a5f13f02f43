/**
 * WeChat's privacy authorisation (基础库 2.32.3+): when an API that touches
 * personal information is first used (choosing a photo, the clipboard …),
 * WeChat pauses it and fires onNeedPrivacyAuthorization. We show our own
 * popup; the call continues only after the user taps 同意 on a button with
 * open-type="agreePrivacyAuthorization".
 *
 * The listener is global (one per app) while the popup lives on each page,
 * so the listener is registered once here and every mounted popup subscribes.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import './index.scss';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

const AGREE_BUTTON_ID = 'hh-privacy-agree';
let pending: Resolve | null = null;
const subscribers = new Set<(open: boolean) => void>();
const notify = (open: boolean) => subscribers.forEach((fn) => fn(open));

if (typeof Taro.onNeedPrivacyAuthorization === 'function') {
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as Resolve;
    notify(true);
  });
}

function answer(event: 'agree' | 'disagree') {
  pending?.(event === 'agree' ? { event, buttonId: AGREE_BUTTON_ID } : { event });
  pending = null;
  notify(false);
}

export default function PrivacyPopup() {
  const [open, setOpen] = useState(pending !== null);

  useEffect(() => {
    subscribers.add(setOpen);
    return () => {
      subscribers.delete(setOpen);
    };
  }, []);

  useEffect(() => {
    // Tell WeChat the popup was actually shown (exposure is part of the protocol).
    if (open) pending?.({ event: 'exposureAuthorization' });
  }, [open]);

  if (!open) return null;
  return (
    <View className='hh-privacy'>
      <View className='hh-privacy__panel'>
        <Text className='hh-privacy__title'>保护你的隐私</Text>
        <Text className='hh-privacy__text'>
          接下来要用到手机里的信息（比如你选的照片）。我们只用它来办你现在要办的事，匿名举报不会记录你是谁。
        </Text>
        <Text className='hh-privacy__link' onClick={() => Taro.openPrivacyContract({})}>
          查看《护航隐私保护指引》
        </Text>
        <View className='hh-privacy__actions'>
          <Button className='hh-privacy__button' onClick={() => answer('disagree')}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='hh-privacy__button hh-privacy__button--agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answer('agree')}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
