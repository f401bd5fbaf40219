/** The app's screens, in the order of the top navigation. */
import type { ComponentType } from 'react';
import { AgreementView } from './features/agreement/View';
import { CompareView } from './features/compare/View';
import { ExchangeView } from './features/exchange/View';
import { ReconcileView } from './features/reconcile/View';
import { SettingsView } from './features/settings/View';
import { ThemesView } from './features/themes/View';

export type ViewId = 'code' | 'agreement' | 'reconcile' | 'themes' | 'compare' | 'exchange' | 'settings';

export const VIEWS: { id: Exclude<ViewId, 'code'>; label: string; component: ComponentType }[] = [
  { id: 'agreement', label: 'Agreement', component: AgreementView },
  { id: 'reconcile', label: 'Merge & reconcile', component: ReconcileView },
  { id: 'themes', label: 'Themes & exports', component: ThemesView },
  { id: 'compare', label: 'Compare', component: CompareView },
  { id: 'exchange', label: 'Import / export', component: ExchangeView },
  { id: 'settings', label: 'Study settings', component: SettingsView },
];
