import { finalize } from './finalize';

export const uploadActions = [finalize];
