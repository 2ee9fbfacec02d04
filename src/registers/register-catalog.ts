import { contextIssuesRegister } from './context/context-issues.js';
import { interestedPartiesRegister } from './context/interested-parties.js';
import { qmsScopeRegister } from './context/qms-scope.js';
import { qualityPolicyRegister } from './context/quality-policy.js';
import { RegisterRegistry } from './framework/register-registry.js';
import { objectivesRegister } from './objectives/objective-definition.js';

/** Builds the registry of every ISO 9001 register that eiso keeps, in the order of the clauses. */
export function createRegisterCatalog(): RegisterRegistry {
  return new RegisterRegistry()
    .add(contextIssuesRegister)
    .add(interestedPartiesRegister)
    .add(qmsScopeRegister)
    .add(qualityPolicyRegister)
    .add(objectivesRegister);
}
