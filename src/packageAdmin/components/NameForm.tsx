import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import Button from '../../components/Button';

/**
 * A name typed in place (a class teacher's name, a school's or class's new
 * name), under the button that opened it. Not `showModal({editable})`: the
 * H5 build has no text box in its dialog, so the page could not be used in a
 * browser (found walking the county's set-up).
 */
export default function NameForm({ placeholder, action, onSave, onCancel }: {
  placeholder: string; action: string; onSave: (name: string) => Promise<void> | void; onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!name.trim() || busy) return;
    setBusy(true);
    try { await onSave(name.trim()); } finally { setBusy(false); }
  };
  return (
    <View className='adm-actions adm-name-form'>
      <Input className='adm-input' value={name} placeholder={placeholder} maxlength={40} focus onInput={(e) => setName(e.detail.value)} onConfirm={() => void save()} />
      <Button type='primary' loading={busy} disabled={!name.trim()} onClick={() => void save()}>{action}</Button>
      <Button onClick={onCancel}>取消</Button>
    </View>
  );
}
