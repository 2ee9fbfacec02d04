import type { Locale } from '../locale.js';

/** The reasons that a migration plan gives in one language, each a function of its values. */
export interface MigrationMessages {
  notActive(state: string): string;
  otherProcess(targetProcessId: string, instanceProcessId: string): string;
  busy: string;
  sameIdOnly(elementId: string, targetId: string): string;
  missing(elementId: string, version: number): string;
  typeChanged(
    elementId: string,
    type: string,
    version: number,
    targetType: string,
    targetVersion: number,
  ): string;
  unknownMapping(sourceId: string): string;
  stateRejected(version: number, reason: string): string;
  cannotMove(instanceKey: string, version: number, firstProblem: string): string;
  definitionNotFound(key: string): string;
  instanceNotFound(key: string): string;
}

const english: MigrationMessages = {
  notActive: (state) => `The instance is ${state.toLowerCase()}.`,
  otherProcess: (targetProcessId, instanceProcessId) =>
    `The target is a version of ${targetProcessId}, but the instance runs ${instanceProcessId}.`,
  busy: 'A command on the instance has not finished; retry when it has.',
  sameIdOnly: (elementId, targetId) =>
    `eiso migrates an element only to the element with the same id; ${elementId} cannot become ${targetId}.`,
  missing: (elementId, version) => `${elementId} does not exist in version ${version}.`,
  typeChanged: (elementId, type, version, targetType, targetVersion) =>
    `${elementId} is a ${type} in version ${version} but a ${targetType} in version ${targetVersion}.`,
  unknownMapping: (sourceId) =>
    `The mapping names ${sourceId}, which the instance has not entered.`,
  stateRejected: (version, reason) =>
    `The saved state does not resume on version ${version}: ${reason}.`,
  cannotMove: (instanceKey, version, firstProblem) =>
    `Process instance ${instanceKey} cannot move to version ${version}: ${firstProblem}`,
  definitionNotFound: (key) =>
    `Process definition ${key} was not found in this unit; choose a version from the process's list.`,
  instanceNotFound: (key) =>
    `Process instance ${key} was not found in this unit; check the instance key.`,
};

const vietnameseStates: Record<string, string> = {
  COMPLETED: 'đã hoàn thành',
  TERMINATED: 'đã bị hủy',
  CANCELED: 'đã bị hủy',
  INCIDENT: 'đang gặp sự cố',
};

const vietnamese: MigrationMessages = {
  notActive: (state) => `Hồ sơ ${vietnameseStates[state] ?? state.toLowerCase()}.`,
  otherProcess: (targetProcessId, instanceProcessId) =>
    `Phiên bản đích thuộc quy trình ${targetProcessId}, nhưng hồ sơ chạy quy trình ${instanceProcessId}.`,
  busy: 'Một thao tác trên hồ sơ chưa xong; hãy thử lại khi thao tác đó kết thúc.',
  sameIdOnly: (elementId, targetId) =>
    `eiso chỉ chuyển một phần tử sang phần tử cùng mã; ${elementId} không thể thành ${targetId}.`,
  missing: (elementId, version) => `${elementId} không còn trong phiên bản ${version}.`,
  typeChanged: (elementId, type, version, targetType, targetVersion) =>
    `${elementId} là ${type} ở phiên bản ${version} nhưng là ${targetType} ở phiên bản ${targetVersion}.`,
  unknownMapping: (sourceId) => `Ánh xạ nêu ${sourceId}, phần tử mà hồ sơ chưa đi qua.`,
  stateRejected: (version, reason) =>
    `Trạng thái đã lưu của hồ sơ không chạy tiếp được trên phiên bản ${version}: ${reason}.`,
  cannotMove: (instanceKey, version, firstProblem) =>
    `Không chuyển được hồ sơ ${instanceKey} sang phiên bản ${version}: ${firstProblem}`,
  definitionNotFound: (key) =>
    `Không tìm thấy phiên bản quy trình ${key} trong đơn vị; hãy chọn một phiên bản trong danh sách của quy trình.`,
  instanceNotFound: (key) => `Không tìm thấy hồ sơ ${key} trong đơn vị; hãy kiểm tra lại mã hồ sơ.`,
};

/** Returns the migration plan's reasons in `locale`. */
export function migrationMessages(locale: Locale): MigrationMessages {
  return locale === 'vi' ? vietnamese : english;
}
