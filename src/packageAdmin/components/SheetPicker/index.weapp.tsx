/**
 * WeChat: a teacher receives the 学籍 Excel in a chat, so the sheet is picked
 * from a chat (wx.chooseMessageFile), put in CloudBase storage under
 * tmp-uploads/ and read from there by roster.import (the H5 build uses
 * index.h5.tsx: an ordinary file input and POST /upload; index.tsx declares the props).
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../../components/Button';
import { ApiError, messageOf } from '../../../services/errors';
import { makeRequestId } from '../../../services/requestId';
// The weapp transport's CloudBase client (one init for calls and uploads).
import { cloud } from '../../../services/cloud.weapp';
import type { SheetPickerProps } from './index';

async function uploadToCloud(path: string, name: string): Promise<string> {
  const ext = name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  try {
    return (await cloud().uploadFile({ cloudPath: `tmp-uploads/${makeRequestId(24)}.${ext}`, filePath: path })).fileID;
  } catch {
    throw new ApiError('NETWORK', '表格没有传上去，请检查手机网络后再试一次。');
  }
}

export default function SheetPicker({ onPicked, onError, what = '学籍系统导出的表格' }: SheetPickerProps) {
  const [busy, setBusy] = useState(false);
  const pick = async () => {
    let file: { path: string; name: string } | undefined;
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
      file = res.tempFiles[0];
    } catch {
      return; // cancelled
    }
    if (!file) return;
    setBusy(true);
    try {
      onPicked(await uploadToCloud(file.path, file.name), file.name);
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Text className='hh-text adm-muted'>{`从微信聊天里选择${what}（.xlsx 或 .csv）。`}</Text>
      <Button type='primary' loading={busy} onClick={() => void pick()}>从聊天记录选择表格</Button>
    </View>
  );
}
