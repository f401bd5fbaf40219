import type { Command } from 'commander';
import type { Out } from '../io';

export function registerAgreementCommands(_program: Command, _out: Out): void {}
