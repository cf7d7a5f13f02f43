import { login, logout } from './login';
import { me } from './me';
import { redeem } from './redeem';

export const authActions = [login, logout, me, redeem];
