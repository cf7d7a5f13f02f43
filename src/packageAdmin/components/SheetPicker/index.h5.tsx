/**
 * H5: an ordinary file input; the sheet goes to POST /upload (multipart field
 * `file`) with this browser's session, and the answer is the sheet's file id.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Envelope } from '../../../domain/errors';
import { messageOf, ApiError } from '../../../services/errors';
import { postForEnvelope, TOKEN_KEY } from '../../../services/http.h5';

import type { SheetPickerProps } from './index';

async function upload(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  let env: Envelope<unknown>;
  try {
    env = await postForEnvelope('/upload', { body: form, ...(typeof token === 'string' && token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  } catch {
    throw new ApiError('NETWORK');
  }
  if (!env.ok) throw new ApiError(env.error.code, env.error.message);
  return (env.data as { fileId: string }).fileId;
}

export default function SheetPicker({ onPicked, onError, what = '学籍系统导出的表格' }: SheetPickerProps) {
  const [busy, setBusy] = useState(false);
  const changed = async (e: { target: HTMLInputElement }) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      onPicked(await upload(file), file.name);
    } catch (err) {
      onError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Text className='hh-text adm-muted'>{`选择${what}（.xlsx，或 UTF-8 / GBK 编码的 .csv，最大5MB）。`}</Text>
      <label className='adm-file'>
        {/* hidden but still what the label opens (admin.scss): only our Chinese button shows, not "Choose File" */}
        <input className='adm-file__input' type='file' accept='.xlsx,.csv' disabled={busy} onChange={(e) => void changed(e)} data-testid='sheet-input' />
        <span>{busy ? '正在上传…' : '选择表格文件'}</span>
      </label>
    </View>
  );
}
