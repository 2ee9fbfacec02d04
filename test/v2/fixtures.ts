import type { AgencySpec } from '../../src/seed/demo-agency.js';

/** A form-js form with one required text field. */
export const noteForm = JSON.stringify({
  id: 'v2-note',
  type: 'default',
  schemaVersion: 16,
  components: [
    {
      id: 'Field_Note',
      key: 'note',
      type: 'textfield',
      label: 'Note',
      validate: { required: true },
    },
  ],
});

/** A process with one user task that shows `v2-note` to the ISO secretary. */
export const noteProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_Note" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="v2-note-process" name="Ghi chú" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Note" name="Viết ghi chú">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="v2-note" />
        <zeebe:assignmentDefinition candidateGroups="iso-secretary" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Note" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Note" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** The same process without a form on its user task. */
export const formlessProcess = noteProcess
  .replace('<zeebe:formDefinition formId="v2-note" />', '')
  .replace('v2-note-process', 'v2-formless-process');

/** A model whose sequence flow points at an element that does not exist. */
export const brokenProcess = noteProcess
  .replace('targetRef="End"', 'targetRef="Missing"')
  .replace('v2-note-process', 'v2-broken-process');

function person(username: string, displayName: string, title: string) {
  return { username, displayName, title };
}

/** A second agency, whose users must never reach the demo agency's work. */
export const otherAgency: AgencySpec = {
  code: 'SNV',
  name: 'Sở Nội vụ tỉnh An Bình',
  nameEn: 'Department of Home Affairs of An Binh province',
  director: person('snv.director', 'Lý Văn Nam', 'Giám đốc Sở'),
  deputy: person('snv.deputy', 'Mai Thị Thu', 'Phó Giám đốc Sở'),
  secretary: { ...person('snv.secretary', 'Cao Thị Yến', 'Thư ký ISO'), departmentCode: 'VP' },
  departments: [
    {
      code: 'VP',
      name: 'Văn phòng Sở',
      nameEn: 'Office',
      head: person('snv.head.vp', 'Đinh Văn Long', 'Chánh Văn phòng'),
      staff: person('snv.staff.vp', 'Tạ Thị Hoa', 'Chuyên viên'),
    },
  ],
};
