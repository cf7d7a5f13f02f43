import { form } from './form';
import { status } from './status';
import { submit } from './submit';

export const figuresActions = [form, submit, status];
