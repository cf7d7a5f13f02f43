/**
 * 我的: bind a role with an invitation code, see my roles, read what we keep
 * and what we never keep, and (H5) sign out.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ROLE_NAMES, type RoleBinding } from '../../domain/roles';
import Button from '../../components/Button';
import { timeText } from '../../components/timeText';
import Card from '../../components/Card';
import EndedPosts from '../../components/EndedPosts';
import Notice from '../../components/Notice';
import PageShell from '../../components/PageShell';
import { isApiError, messageOf } from '../../services/errors';
import { catalogStore } from '../../stores/catalog';
import { PendingBinding, sessionStore } from '../../stores/session';
import { useWatch } from '../../stores/watch';
import { go } from '../routes';
import './index.scss';

/** Where a binding applies, in words: the school, department or area. */
function placeOf(b: RoleBinding): string | undefined {
  return catalogStore.departmentName(b.deptId) ?? catalogStore.schoolName(b.schoolId) ?? catalogStore.countyName(b.jurisdiction);
}

/** My guardian codes waiting for the class teacher: the school and class only (the child's name is not said). */
function PendingRequests() {
  return (
    <View>
      {sessionStore.pendingGuardian.map((p, i) => (
        <View key={i} className='me__role me__pending'>
          <Text className='me__role-who'>{`已提交绑定申请，等待学校确认（提交于${timeText(p.since)}）`}</Text>
          {p.school || p.className ? <Text className='me__role-place'>{`${p.school ?? ''}${p.className ?? ''}`}</Text> : null}
        </View>
      ))}
    </View>
  );
}

function MyRoles() {
  const { roles, who } = sessionStore;
  // a post the school ended says so first, whatever else is bound
  const ended = <EndedPosts posts={sessionStore.endedPosts} />;
  if (roles.length === 0) {
    if (sessionStore.pendingGuardian.length) return <View>{ended}<PendingRequests /></View>;
    return <View>{ended}<Text className='hh-text hh-text--secondary'>还没有绑定身份。学生、家长和老师请输入学校或单位给的邀请码。</Text></View>;
  }
  return (
    <View>
      {ended}
      {roles.map((b, i) => {
        const place = placeOf(b);
        return (
          <View key={i} className='me__role'>
            <Text className='me__role-name'>{ROLE_NAMES[b.role] ?? b.role}</Text>
            {who[i] ? <Text className='me__role-who'>{who[i]}</Text> : null}
            {place ? <Text className='me__role-place'>{place}</Text> : null}
          </View>
        );
      })}
      <PendingRequests />
    </View>
  );
}

function RedeemForm() {
  // Once bound, the code box waits behind 再绑定一个身份 (a second child, a second school).
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  // prompt: what to do next, not a fault (a guardian code's first answer asks for the name)
  const [result, setResult] = useState<{ ok: boolean; prompt?: boolean; text: string } | null>(null);
  // a family slip's code asks who is binding: the name on the school's roster (and the relation, if it differs)
  const [askName, setAskName] = useState(false);
  const [name, setName] = useState('');
  const [relation, setRelation] = useState('');
  // Opened from a slip's mini-program code (scene) or link (?code=): the code is filled in.
  const { params } = useRouter();
  useEffect(() => {
    const given = params?.scene ?? params?.code;
    if (given) setCode(decodeURIComponent(given));
  }, [params?.scene, params?.code]);
  // Bound, as far as this phone knows: until the server first answers, the roles it last read here, so
  // a bound person's code box does not flash open and fold away while 我的 loads.
  const bound = sessionStore.hasRoles || (!sessionStore.loaded && sessionStore.knownOnThisPhone());
  // After 退出登录 the 绑定成功 line (it may name a child) must not stay on a shared phone.
  useEffect(() => {
    if (!bound) setResult((r) => (r?.ok ? null : r));
  }, [bound]);

  const submit = async () => {
    if (!code.trim()) {
      setResult({ ok: false, text: '请先输入邀请码。' });
      return;
    }
    if (askName && !name.trim()) {
      setResult({ ok: false, text: '请填写您的姓名。' });
      return;
    }
    setResult(null);
    try {
      const label = await sessionStore.redeem(code, askName ? { name: name.trim(), relation: relation.trim() || undefined } : undefined);
      setCode('');
      setAskName(false);
      setResult({ ok: true, text: `绑定成功：${label}。请到「首页」查看。` });
      void catalogStore.load();
    } catch (e) {
      if (e instanceof PendingBinding) {
        setCode('');
        setAskName(false);
        setResult({ ok: false, text: e.message });
        return;
      }
      // the first tap with a guardian code: the server asks who is binding. Nothing went wrong yet, so not a warning (walk 14b #11)
      if (isApiError(e) && (e.details as { needsName?: boolean } | undefined)?.needsName) {
        setAskName(true);
        setResult({ ok: false, prompt: true, text: '这是家长邀请码，请填写您的姓名和与孩子的关系，再点“绑定身份”。' });
        return;
      }
      setResult({ ok: false, text: messageOf(e) });
    }
  };

  if (bound && !open && !result && !code) {
    return <Button className='me__add-role' onClick={() => setOpen(true)}>再绑定一个身份</Button>;
  }
  return (
    <View>
      <Input
        className='me__input'
        value={code}
        placeholder='请输入邀请码'
        maxlength={40}
        confirmType='done'
        onInput={(e) => setCode(e.detail.value)}
        onConfirm={() => void submit()}
      />
      {askName ? (
        <View>
          <Text className='hh-text me__para'>姓名和学校登记的监护人一样，就能马上绑定；不一样的，要等班主任或学校管理员确认。</Text>
          <Input className='me__input' value={name} placeholder='您的姓名，例如：刘芳' maxlength={30} onInput={(e) => setName(e.detail.value)} />
          <Input className='me__input' value={relation} placeholder='您是孩子的：母亲、父亲、祖父……' maxlength={10} onInput={(e) => setRelation(e.detail.value)} />
        </View>
      ) : null}
      {result ? <Notice type={result.ok || result.prompt ? 'info' : 'warning'}>{result.text}</Notice> : null}
      {result?.ok ? (
        <Button className='me__go-home' onClick={() => void go.tab('home')}>
          去首页
        </Button>
      ) : null}
      <Button type='primary' loading={sessionStore.redeeming} onClick={() => void submit()}>
        绑定身份
      </Button>
    </View>
  );
}

function PrivacyStatement() {
  return (
    <Card title='我们保存什么，从不保存什么'>
      <Text className='hh-text me__para'>
        我们保存：您绑定的身份（比如“班主任”和所在学校），您提交的内容和处理记录。每一次查看举报都会留下记录，方便追查。
      </Text>
      <Text className='hh-text me__para'>
        匿名举报时，我们不保存您的微信身份、手机号、网络地址或设备编号；照片上传后会去掉拍摄地点等信息；查询密码只保存加密后的摘要，谁都看不到原文。
      </Text>
      <Text className='hh-text me__para'>
        我们从不读取通讯录和定位轨迹，不把信息给与处理无关的人看，不做广告。心理测评的结果只有学校的心理老师能看到。
      </Text>
    </Card>
  );
}

function MePage() {
  useWatch(sessionStore);
  useWatch(catalogStore);
  const [loggedOut, setLoggedOut] = useState(false);
  useDidShow(() => {
    void sessionStore.load();
    void catalogStore.load();
  });
  const logout = async () => {
    await sessionStore.logout();
    setLoggedOut(true);
    void Taro.showToast({ title: '已退出登录', icon: 'none' });
  };

  return (
    <PageShell>
      <Card title='我的身份'>
        {sessionStore.error && !sessionStore.loaded ? <Notice>{sessionStore.error}</Notice> : <MyRoles />}
      </Card>
      {sessionStore.hasRole('guardian') ? (
        <Card title='告家长书'>
          <Button className='me__letter' onClick={() => go.holidayLetter()}>假期告家长书和我的签署回执</Button>
        </Card>
      ) : null}
      <Card title={sessionStore.hasRoles ? '绑定更多身份' : '绑定身份'} subtitle='邀请码由学校或单位发给您，一个码绑定一个身份。'>
        <RedeemForm />
      </Card>
      <PrivacyStatement />
      {loggedOut && !sessionStore.hasRoles ? <Notice type='info'>已退出登录，这台设备上绑定的身份已经清除。</Notice> : null}
      {/* Only when something is bound: with nothing bound there is nothing to sign out of. */}
      {sessionStore.canLogout && sessionStore.hasRoles ? <Button className='me__logout' onClick={() => void logout()}>退出登录</Button> : null}
    </PageShell>
  );
}

export default MePage;
