import type { ReactNode } from 'react';
import AtButton from 'taro-ui/lib/components/button';
import './index.scss';

export interface ButtonProps {
  children: ReactNode;
  /** primary: the one thing to do on a screen; danger: emergencies; secondary: everything else */
  type?: 'primary' | 'secondary' | 'danger';
  /** big: the screen's main call to action (我要举报) */
  big?: boolean;
  loading?: boolean;
  disabled?: boolean;
  className?: string;
  onClick?: () => void;
}

/**
 * Our button. taro-ui's AtButton does the work (press state, loading ring,
 * a real <button> under it on weapp); we only make it big and readable.
 * Pages never import taro-ui directly, so it can be swapped here.
 */
export default function Button({ children, type = 'secondary', big, loading, disabled, className, onClick }: ButtonProps) {
  // off: disabled while not loading (a loading button keeps its colours, so its spinner stays visible)
  const off = disabled && !loading;
  const classes = ['hh-button', `hh-button--${type}`, big ? 'hh-button--big' : '', off ? 'hh-button--off' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <AtButton
      className={classes}
      type={type === 'secondary' ? 'secondary' : 'primary'}
      loading={loading}
      disabled={disabled || loading}
      onClick={() => onClick?.()}
    >
      {children}
    </AtButton>
  );
}
