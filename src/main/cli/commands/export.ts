import type { Command } from 'commander';
import type { Out } from '../io';

export function registerExportCommands(_program: Command, _out: Out): void {}
