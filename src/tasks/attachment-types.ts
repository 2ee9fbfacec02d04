import path from 'node:path';
import { fileTypeFromBuffer, type FileTypeResult } from 'file-type';
import { EisoError } from '../errors.js';
import type { Locale } from '../locale.js';

type Label = Record<Locale, string>;

interface AcceptedType {
  mediaType: string;
  /** The extension that file-type 21 reports for the content. */
  detected: string;
  label: Label;
}

// The accepted file name extensions, each with the media type stored for it and the type that
// file-type 21 detects from the content. Word and Excel 97-2003 files are both OLE compound
// files, which file-type reports as `cfb`; the extension distinguishes them.
const acceptedTypes: Record<string, AcceptedType> = {
  pdf: {
    mediaType: 'application/pdf',
    detected: 'pdf',
    label: { en: 'a PDF document', vi: 'tài liệu PDF' },
  },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: 'docx',
    label: { en: 'a Word document', vi: 'văn bản Word' },
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: 'xlsx',
    label: { en: 'an Excel workbook', vi: 'bảng tính Excel' },
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    detected: 'pptx',
    label: { en: 'a PowerPoint presentation', vi: 'bản trình chiếu PowerPoint' },
  },
  doc: {
    mediaType: 'application/msword',
    detected: 'cfb',
    label: { en: 'a Word 97-2003 document', vi: 'văn bản Word 97-2003' },
  },
  xls: {
    mediaType: 'application/vnd.ms-excel',
    detected: 'cfb',
    label: { en: 'an Excel 97-2003 workbook', vi: 'bảng tính Excel 97-2003' },
  },
  png: { mediaType: 'image/png', detected: 'png', label: { en: 'a PNG image', vi: 'ảnh PNG' } },
  jpg: { mediaType: 'image/jpeg', detected: 'jpg', label: { en: 'a JPEG image', vi: 'ảnh JPEG' } },
  jpeg: {
    mediaType: 'image/jpeg',
    detected: 'jpg',
    label: { en: 'a JPEG image', vi: 'ảnh JPEG' },
  },
};

/** The accepted extensions, as the error messages and the upload hint list them. */
export const acceptedExtensions = Object.keys(acceptedTypes);

// The extension added to a file whose content is of an accepted type but whose name does not say
// so. OLE compound files are missing: their content does not tell a Word from an Excel file.
const extensionForContent: Record<string, string> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  png: 'png',
  jpg: 'jpg',
};

// Content that file-type 21 recognizes as a program, an installable package or a shortcut to one.
const programContent: Record<string, Label> = {
  exe: { en: 'a Windows program', vi: 'chương trình chạy trên Windows' },
  elf: { en: 'a Linux program', vi: 'chương trình chạy trên Linux' },
  macho: { en: 'a macOS program', vi: 'chương trình chạy trên macOS' },
  class: { en: 'a Java program', vi: 'chương trình Java' },
  jar: { en: 'a Java program', vi: 'chương trình Java' },
  apk: { en: 'an Android app', vi: 'ứng dụng Android' },
  wasm: { en: 'a WebAssembly program', vi: 'chương trình WebAssembly' },
  lnk: { en: 'a Windows shortcut', vi: 'lối tắt Windows' },
  crx: { en: 'a Chrome extension', vi: 'tiện ích Chrome' },
  xpi: { en: 'a Firefox extension', vi: 'tiện ích Firefox' },
  deb: { en: 'a Linux package', vi: 'gói cài đặt Linux' },
  rpm: { en: 'a Linux package', vi: 'gói cài đặt Linux' },
  swf: { en: 'a Flash program', vi: 'chương trình Flash' },
};

// Extensions under which Windows, macOS, Linux or Android run a file as a program or script.
const programExtensions = new Set([
  'apk',
  'app',
  'appx',
  'bat',
  'bin',
  'class',
  'cmd',
  'com',
  'cpl',
  'deb',
  'dll',
  'elf',
  'exe',
  'gadget',
  'hta',
  'inf',
  'jar',
  'js',
  'jse',
  'lnk',
  'msc',
  'msi',
  'msix',
  'msp',
  'pif',
  'ps1',
  'psm1',
  'reg',
  'rpm',
  'run',
  'scf',
  'scr',
  'sh',
  'sys',
  'vb',
  'vbe',
  'vbs',
  'ws',
  'wsc',
  'wsf',
  'wsh',
]);

/** The name to store an attachment under and the media type to serve it with. */
export interface AttachmentType {
  fileName: string;
  mediaType: string;
}

/**
 * Decides the stored name and media type of a file from its content. A file whose content is an
 * accepted type keeps its name when the extension agrees, and otherwise gets the right extension
 * added, such as `bao-cao` to `bao-cao.pdf`. A program, by content or by extension, and content
 * of any other type are rejected with a 400 that names what the name says and what the content is.
 */
export async function resolveAttachmentType(
  fileName: string,
  content: Buffer,
  locale: Locale,
): Promise<AttachmentType> {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const detected = await fileTypeFromBuffer(content);
  if ((detected && detected.ext in programContent) || programExtensions.has(extension)) {
    throw rejectedProgram(fileName, extension, detected, locale);
  }

  const accepted = acceptedTypes[extension];
  if (accepted && detected?.ext === accepted.detected) {
    return { fileName, mediaType: accepted.mediaType };
  }
  const added = detected ? extensionForContent[detected.ext] : undefined;
  if (added) {
    return {
      fileName: `${fileName.replace(/\.+$/, '')}.${added}`,
      mediaType: acceptedTypes[added].mediaType,
    };
  }
  throw rejectedType(fileName, extension, detected, locale);
}

// Describes the type that the file name's extension claims, as a clause of the error messages.
function nameClause(extension: string, locale: Locale): string {
  const vi = locale === 'vi';
  if (extension === '') return vi ? 'tên tệp không có phần mở rộng' : 'the name has no extension';
  if (programExtensions.has(extension)) {
    return vi
      ? `tên tệp cho biết đây là chương trình (.${extension})`
      : `the name says a program (.${extension})`;
  }
  const accepted = acceptedTypes[extension];
  if (accepted) {
    return vi
      ? `tên tệp cho biết đây là ${accepted.label.vi} (.${extension})`
      : `the name says ${accepted.label.en} (.${extension})`;
  }
  return vi ? `tên tệp cho biết đây là tệp .${extension}` : `the name says a .${extension} file`;
}

// Describes the detected content, as a clause of the error messages.
function contentClause(detected: FileTypeResult | undefined, locale: Locale): string {
  const vi = locale === 'vi';
  if (!detected)
    return vi
      ? 'nội dung không thuộc loại nào nhận biết được'
      : 'the content is of an unknown type';
  const program = programContent[detected.ext];
  const accepted = Object.values(acceptedTypes).find((type) => type.detected === detected.ext);
  const label = program ?? accepted?.label;
  const described = label ? `${label[locale]} (${detected.mime})` : detected.mime;
  return vi ? `nội dung là ${described}` : `the content is ${described}`;
}

function allowedList(locale: Locale): string {
  const list = acceptedExtensions.join(', ');
  return locale === 'vi'
    ? `hãy đính kèm tài liệu PDF, văn bản Office hoặc ảnh: ${list}`
    : `attach a PDF, Office document or image: ${list}`;
}

function invalidFile(message: string): EisoError {
  return new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/file', message }]);
}

function rejectedProgram(
  fileName: string,
  extension: string,
  detected: FileTypeResult | undefined,
  locale: Locale,
): EisoError {
  const contentIsProgram = detected !== undefined && detected.ext in programContent;
  const added = detected ? extensionForContent[detected.ext] : undefined;
  const agree = programExtensions.has(extension) === contentIsProgram;
  let conjunction = agree ? 'and' : 'but';
  if (locale === 'vi') conjunction = 'còn';
  const clauses = `${nameClause(extension, locale)}, ${conjunction} ${contentClause(detected, locale)}`;
  if (!contentIsProgram && added) {
    return invalidFile(
      locale === 'vi'
        ? `Tệp '${fileName}': ${clauses}. Không nhận tệp mang tên của chương trình; hãy đổi tên tệp cho kết thúc bằng .${added}.`
        : `File '${fileName}': ${clauses}. A file named as a program is not accepted; rename it to end in .${added}.`,
    );
  }
  return invalidFile(
    locale === 'vi'
      ? `Tệp '${fileName}': ${clauses}. Không được đính kèm chương trình; ${allowedList(locale)}.`
      : `File '${fileName}': ${clauses}. Programs cannot be attached; ${allowedList(locale)}.`,
  );
}

function rejectedType(
  fileName: string,
  extension: string,
  detected: FileTypeResult | undefined,
  locale: Locale,
): EisoError {
  const vi = locale === 'vi';
  const clauses = `${nameClause(extension, locale)}, ${vi ? 'còn' : 'but'} ${contentClause(detected, locale)}`;
  if (detected?.ext === 'cfb') {
    return invalidFile(
      vi
        ? `Tệp '${fileName}': ${clauses}, là tệp Office 97-2003 mà nội dung không cho biết là Word hay Excel; hãy đặt tên tệp kết thúc bằng .doc cho văn bản Word hoặc .xls cho bảng tính Excel.`
        : `File '${fileName}': ${clauses}, an Office 97-2003 file whose content does not tell Word from Excel; name it with .doc for a Word document or .xls for an Excel workbook.`,
    );
  }
  return invalidFile(
    vi
      ? `Tệp '${fileName}': ${clauses}, là loại không được nhận; ${allowedList(locale)}.`
      : `File '${fileName}': ${clauses}, which is not allowed; ${allowedList(locale)}.`,
  );
}
