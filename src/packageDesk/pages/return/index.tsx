/**
 * 月报 (monthly return). A lead department's handler fills in the month's
 * counts for their county (only numbers; never a name), sees the deadline,
 * and corrects with a reason (every earlier version is kept). A coordinator
 * sees which departments have filed, filed late, or not yet.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { returnChanges } from '../../../domain/returnChanges';
import { messageOf } from '../../../services/errors';
import { makeRequestId } from '../../../services/requestId';
import { sessionStore } from '../../../stores/session';
import { dayText, deskApi, monthOf, type ReturnForm } from '../../service';
import { useDeskLoad } from '../../useDeskLoad';
import '../desk/index.scss';
import './index.scss';

const lastMonth = () => {
  const m = monthOf(Date.now());
  const y = Number(m.slice(0, 4));
  const n = Number(m.slice(5, 7));
  return n === 1 ? `${y - 1}-12` : `${y}-${String(n - 1).padStart(2, '0')}`;
};

const STATE_TEXT = { filed: '已报', late: '迟报', missing: '未报（未到期）', overdue: '未报（已过期）' } as const;

function StatusView({ month }: { month: string }) {
  const { data, error, loading, reload } = useDeskLoad(() => deskApi.status(month), [month]);
  if (!data && loading) return <Loading text='正在查看报送情况…' />;
  if (!data) return <RetryNotice message={error ?? '没有加载出来。'} onRetry={reload} />;
  return (
    <Card title={`${month} 月报报送情况`} subtitle={`截止 ${dayText(data.dueAt - 1)} 24:00　缺 ${data.missing} 份，迟报 ${data.late} 份`}>
      {data.rows.map((r) => (
        <View key={`${r.countyId}|${r.deptKind}`} className={`ret-row ret-row--${r.state}`}>
          <Text className='ret-row__name'>{r.deptName}</Text>
          <Text className='ret-row__state'>{STATE_TEXT[r.state]}{r.version > 1 ? `（更正 ${r.version - 1} 次）` : ''}</Text>
        </View>
      ))}
    </Card>
  );
}

function FormView({ countyId, month }: { countyId: string; month: string }) {
  const { data, error, loading, reload } = useDeskLoad(() => deskApi.form(countyId, month), [countyId, month]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(makeRequestId());
  useEffect(() => {
    if (data) setValues(Object.fromEntries(data.figures.map((f) => [f.id, f.value === null ? '' : String(f.value)])));
  }, [data]);
  if (!data && loading) return <Loading text='正在打开月报…' />;
  if (!data) return <RetryNotice message={error ?? '没有加载出来。'} onRetry={reload} />;
  const form: ReturnForm = data;
  const changes = returnChanges(form.figures, form.corrections, Object.fromEntries(form.figures.map((f) => [f.id, f.value])));
  const submit = async () => {
    const empty = form.figures.filter((f) => values[f.id] === undefined || values[f.id].trim() === '');
    if (empty.length) { setMsg(`还有 ${empty.length} 项没填：${empty.map((f) => f.label).join('、')}。没有发生的请填 0。`); return; }
    // what was typed is kept as typed and checked here: "1.5" or "-1" must never quietly become 15 or 1
    const notWhole = form.figures.filter((f) => !/^\d+$/.test(values[f.id]));
    if (notWhole.length) { setMsg(`${notWhole.map((f) => f.label).join('、')}：只能填整数（0、1、2…），不要写小数点、负号或字母。`); return; }
    setBusy(true);
    try {
      const res = await deskApi.submit({ countyId, month, values: Object.fromEntries(form.figures.map((f) => [f.id, Number(values[f.id])])), note }, { requestId });
      setMsg(res.changed ? (res.version > 1 ? '已更正，原来的数字已留档。' : '已报送，谢谢！') : '数字没有变化，不用再报。');
      setRequestId(makeRequestId());
      setNote('');
      reload();
    } catch (e) {
      setMsg(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Card title={`${form.deptName}　${month} 月报`} subtitle={`请在 ${dayText(form.dueAt - 1)} 24:00 前报送。${form.filed ? `已于 ${dayText(form.filed.firstFiledAt)} 报送${form.filed.late ? '（迟报）' : ''}。` : '还没有报送。'}`} tone='brand'>
        <Text className='ret-hint'>只填数字，不写姓名。没有发生的填 0。</Text>
        {form.figures.map((f) => (
          <View key={f.id} className='ret-field'>
            <Text className='ret-field__label'>{`${f.label}（${f.unit}）`}</Text>
            {f.help ? <Text className='ret-field__help'>{f.help}</Text> : null}
            <Input className='ret-field__input' type='number' value={values[f.id] ?? ''} placeholder='填数字'
              onInput={(e) => setValues({ ...values, [f.id]: e.detail.value.trim() })} />
          </View>
        ))}
        <Text className='ret-field__label'>{form.filed ? '更正原因（必填）' : '备注（可不填）'}</Text>
        <Textarea className='ret-note' value={note} maxlength={200} placeholder={form.filed ? '例如：补报漏统计的1起。不要写姓名、电话。' : '不要写姓名、电话。'}
          onInput={(e) => setNote(e.detail.value)} />
        <Button type='primary' loading={busy} onClick={() => void submit()}>{form.filed ? '提交更正' : '报送'}</Button>
        {msg ? <Text className='ret-msg'>{msg}</Text> : null}
      </Card>
      {form.corrections.length ? (
        <Card title='更正记录'>
          {form.corrections.map((c) => (
            <View key={c.version} className='ret-row'>
              <Text className='ret-row__name'>{`第 ${c.version} 版（${c.filedByName}，${dayText(c.filedAt)}）`}</Text>
              <Text className='ret-row__state'>{`${dayText(c.replacedAt)} 由 ${c.replacedByName} 更正：${c.reason}`}</Text>
              {(changes.get(c.version) ?? []).map((d) => (
                <Text key={d.id} className='ret-row__change'>{`${d.label}：${d.from ?? '未填'} → ${d.to ?? '未填'}`}</Text>
              ))}
            </View>
          ))}
        </Card>
      ) : null}
    </View>
  );
}

export default function ReturnPage() {
  const { params } = useRouter();
  const [month, setMonth] = useState(params.month ? decodeURIComponent(params.month) : lastMonth());
  const handler = sessionStore.roles.find((r) => r.role === 'handler' && r.jurisdiction);
  const countyId = params.countyId ? decodeURIComponent(params.countyId) : handler?.jurisdiction;
  const isCoordinator = sessionStore.roles.some((r) => r.role === 'coordinator');
  return (
    <PageShell className='desk-page'>
      <Picker mode='date' fields='month' value={month} start='2023-01' end={monthOf(Date.now())} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
        <View className='desk-pick ret-month'>{`月份：${month}（点这里换）`}</View>
      </Picker>
      {handler && countyId ? <FormView countyId={countyId} month={month} /> : null}
      {isCoordinator ? <StatusView month={month} /> : null}
    </PageShell>
  );
}
