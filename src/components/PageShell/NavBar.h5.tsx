/**
 * H5 only: a title bar with 返回 and 首页 on every page that is not a tab.
 * In a browser the form, the case and the lesson pages otherwise had no title
 * and no way back but the browser's own button.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { TABS, go } from '../../pages/routes';

const TAB_PATHS: readonly string[] = Object.values(TABS);

export default function NavBar() {
  const { path } = useRouter() as { path?: string };
  const route = '/' + (path ?? '').replace(/^\/+/, '').split('?')[0];
  const [title, setTitle] = useState('');
  useEffect(() => {
    // Taro sets the page's navigationBarTitleText as the document title once the page shows.
    const t = setTimeout(() => setTitle(document.title), 0);
    return () => clearTimeout(t);
  }, [route]);
  if (route === '/' || TAB_PATHS.includes(route)) return null;
  const back = () => {
    // Opened straight from a link (nothing to go back to): home instead of leaving the app.
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void go.tab('home');
  };
  return (
    <View className='hh-navbar'>
      <Text className='hh-navbar__back' onClick={back}>‹ 返回</Text>
      <Text className='hh-navbar__title'>{title}</Text>
      <Text className='hh-navbar__home' onClick={() => void go.tab('home')}>首页</Text>
    </View>
  );
}
