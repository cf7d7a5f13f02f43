/**
 * Screening instruments shipped with 护航: validated, free to use, with
 * their licence in each file. SDQ, MHT and SCL-90 are deliberately absent:
 * their texts are not free to reproduce.
 */
import type { Instrument } from '../../domain/screening';
import { asq } from './asq';
import { gad7 } from './gad7';
import { phqA } from './phqA';

export const instruments: readonly Instrument[] = [phqA, gad7, asq];

export const instrumentById = (id: string): Instrument | undefined => instruments.find((i) => i.id === id);

export { asq, gad7, phqA };
