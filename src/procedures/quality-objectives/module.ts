import { objectiveRoutes } from '../../http/routes/objective-routes.js';
import { objectivesRegister } from '../../registers/objectives/objective-definition.js';
import { registerObjectiveWorkers } from '../../registers/objectives/objective-workers.js';
import type { ProcedureModule } from '../procedure-module.js';
import { checkObjectiveDeadlines } from './objective-deadlines.js';

export const qualityObjectivesProcedure: ProcedureModule = {
  id: 'quality-objectives',
  title: { vi: 'Xây dựng và phổ biến mục tiêu chất lượng', en: 'Quality objectives' },
  starterGroups: ['iso-secretary'],
  businessKey: { kind: 'year' },
  registerWorkers: registerObjectiveWorkers,
  registers: [objectivesRegister],
  routes: objectiveRoutes,
  validateTaskCompletion: checkObjectiveDeadlines,
};
