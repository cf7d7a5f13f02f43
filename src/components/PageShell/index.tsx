import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import PrivacyPopup from '../PrivacyPopup';
import NavBar from './NavBar';
import './index.scss';

/**
 * Every page's outer frame: page padding, a title bar with 返回 and 首页 on
 * H5 subpages (NavBar.h5.tsx), and the privacy popup WeChat needs on
 * whichever page first touches personal information.
 */
export default function PageShell({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <View className={`hh-page ${className ?? ''}`}>
      <NavBar />
      {children}
      <PrivacyPopup />
    </View>
  );
}
