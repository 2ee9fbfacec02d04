import type { Variables } from '../src/engine/process-engine.js';
import { demoAgency, type AgencySpec } from '../src/seed/demo-agency.js';

/** The procedure that every measurement runs. */
export const bpmnProcessId = 'quality-objectives';

/** The demo agency's first four departments and a fifth one, so the acknowledgement loop runs five times. */
export const benchAgency: AgencySpec = {
  ...demoAgency,
  departments: [
    ...demoAgency.departments.slice(0, 4),
    {
      code: 'KHTC',
      name: 'Phòng Kế hoạch - Tài chính',
      nameEn: 'Planning and Finance Division',
      head: { username: 'head.khtc', displayName: 'Lý Văn Phúc', title: 'Trưởng phòng' },
      staff: { username: 'staff.khtc', displayName: 'Cao Thị Thu', title: 'Chuyên viên' },
    },
  ],
};

/** Department codes of the bench agency, in the order the procedure receives them. */
export const departmentCodes = benchAgency.departments.map((department) => department.code);

/** Usernames whose inboxes hold the procedure's tasks: the ISO secretary, the director and the heads. */
export const taskUsers = [
  benchAgency.secretary.username,
  benchAgency.director.username,
  ...benchAgency.departments.map((department) => department.head.username),
];

/** User tasks of one instance: draft, approve, disseminate and one acknowledgement per department. */
export const userTasksPerInstance = 3 + departmentCodes.length;

/** Engine commands of one instance: the start, every user task and the three jobs. */
export const commandsPerInstance = 1 + userTasksPerInstance + 3;

/** Variables that the start route gives the engine (see `unitVariables` in procedure-routes.ts). */
export function startVariables(year: number): Variables {
  return {
    departments: departmentCodes,
    departmentOptions: benchAgency.departments.map((department) => ({
      value: department.code,
      label: department.name,
    })),
    year,
    initiator: benchAgency.secretary.username,
  };
}

const draft: Variables = {
  objectives: [
    {
      title: 'Giải quyết hồ sơ đúng hạn',
      indicator: 'Tỷ lệ hồ sơ giải quyết đúng hoặc trước hạn',
      formula: 'Số hồ sơ đúng hạn / tổng số hồ sơ x 100',
      targetValue: 98,
      targetUnit: '%',
      ownerDepartment: 'VP',
      deadline: '2026-12-31',
      resources: 'Phần mềm một cửa điện tử',
      evaluationMethod: 'Thống kê hằng quý',
    },
    {
      title: 'Sự hài lòng của người dân',
      indicator: 'Tỷ lệ người dân hài lòng',
      targetValue: 90,
      targetUnit: '%',
      ownerDepartment: 'QLKH',
      deadline: '2026-12-31',
    },
  ],
};

const completionsByElement: Record<string, Variables> = {
  Task_DraftObjectives: draft,
  Task_ReviewObjectives: { decision: 'approve', comment: 'Đồng ý' },
  Task_Disseminate: { disseminationNote: 'Đã gửi các phòng', disseminatedOn: '2026-01-15' },
  Task_Acknowledge: { acknowledged: true },
};

/** Returns the form submission that completes a task of `elementId`. The approval step always approves. */
export function completionVariables(elementId: string): Variables {
  const variables = completionsByElement[elementId];
  if (!variables) throw new Error(`the bench has no submission for user task ${elementId}`);
  return variables;
}
