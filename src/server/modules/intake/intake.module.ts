import type { IntakeDeps, IntakeModule } from './index.ts';

export function createIntakeModule(_deps: IntakeDeps): IntakeModule {
  throw new Error('intake module: not implemented yet');
}
