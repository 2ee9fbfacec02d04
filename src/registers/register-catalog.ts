import { contextIssuesRegister } from './context/context-issues.js';
import { interestedPartiesRegister } from './context/interested-parties.js';
import { qmsScopeRegister } from './context/qms-scope.js';
import { qualityPolicyRegister } from './context/quality-policy.js';
import { procedureModules } from '../procedures/index.js';
import { RegisterRegistry } from './framework/register-registry.js';

/** Builds the registry of every ISO 9001 register that eiso keeps, in the order of the clauses. */
export function createRegisterCatalog(): RegisterRegistry {
  const registry = new RegisterRegistry()
    .add(contextIssuesRegister)
    .add(interestedPartiesRegister)
    .add(qmsScopeRegister)
    .add(qualityPolicyRegister);
  const procedureRegisters = procedureModules.flatMap((module) => module.registers ?? []);
  for (const definition of sortByClause(procedureRegisters)) registry.add(definition);
  return registry;
}

// Clauses compare as numbers part by part, so 6.2 comes before 10.2.
function sortByClause<T extends { clause: string }>(definitions: T[]): T[] {
  const parts = (clause: string) => clause.split('.').map(Number);
  return [...definitions].sort((a, b) => {
    const [left, right] = [parts(a.clause), parts(b.clause)];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const difference = (left[i] ?? 0) - (right[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}
