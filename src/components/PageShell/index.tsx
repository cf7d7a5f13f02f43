import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import PrivacyPopup from '../PrivacyPopup';
import './index.scss';

/**
 * Every page's outer frame: page padding, and the privacy popup WeChat needs
 * on whichever page first touches personal information.
 */
export default function PageShell({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <View className={`hh-page ${className ?? ''}`}>
      {children}
      <PrivacyPopup />
    </View>
  );
}
