/**
 * PDF preview of a rendered .docx through headless LibreOffice, and a PNG of its first page
 * through pdftoppm. Both are optional system tools (libreoffice-writer-nogui, poppler-utils).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type DocumentPreviewFailure = 'unavailable' | 'timeout' | 'failed';

/** A preview that could not be made; `reason` lets the route choose its status. */
export class DocumentPreviewError extends Error {
  constructor(
    readonly reason: DocumentPreviewFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentPreviewError';
  }
}

const conversionTimeoutMs = 60_000;
const imageTimeoutMs = 20_000;
/** LibreOffice takes a core and ~200 MB per conversion; more at once only queues on the CPU. */
const maxParallelConversions = 2;

/** The private fontconfig file that maps the office fonts to Noto CJK (see fonts.conf). */
const fontConfigFile = fileURLToPath(new URL('./fonts.conf', import.meta.url));

const findOnPath = (names: readonly string[]): string | undefined => {
  const directories = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const directory of directories) {
      const candidate = path.join(directory, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
};

const officeBinary = (): string | undefined => findOnPath(['soffice', 'libreoffice']);

/** Whether LibreOffice is installed, so a PDF preview can be offered. */
export const isPreviewAvailable = (): boolean => officeBinary() !== undefined;

let conversions = 0;
/** How many LibreOffice conversions this process has started: what the preview cache saves. */
export const officeConversionCount = (): number => conversions;

let running = 0;
const waiting: Array<() => void> = [];
const withConversionSlot = async <T>(work: () => Promise<T>): Promise<T> => {
  if (running >= maxParallelConversions) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
};

type RunResult = { code: number | null; stderr: string; timedOut: boolean };

/**
 * Runs a tool in its own process group, so a timeout kills soffice's children too (soffice is a
 * script that starts oosplash, which starts soffice.bin).
 */
const runTool = (command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });

const withTempDir = async <T>(prefix: string, work: (directory: string) => Promise<T>): Promise<T> => {
  const directory = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await work(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
};

/**
 * Converts .docx bytes to PDF bytes. Each call has its own temporary directory and LibreOffice
 * profile (-env:UserInstallation), so parallel calls never share a profile lock; both are removed after.
 */
export const renderPdfPreview = async (docx: Buffer): Promise<Buffer> => {
  const office = officeBinary();
  if (!office) throw new DocumentPreviewError('unavailable', '服务器未安装 LibreOffice，暂不能生成 PDF 预览；可下载 Word 文件查看。');
  return withConversionSlot(() =>
    withTempDir('fuban-preview-', async (directory) => {
      conversions += 1;
      const input = path.join(directory, 'document.docx');
      await writeFile(input, docx);
      const args = [
        `-env:UserInstallation=${pathToFileURL(path.join(directory, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--nologo',
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        directory,
        input,
      ];
      const env = { ...process.env, FONTCONFIG_FILE: fontConfigFile };
      let result: RunResult;
      try {
        result = await runTool(office, args, { cwd: directory, env, timeoutMs: conversionTimeoutMs });
      } catch (error) {
        throw new DocumentPreviewError('unavailable', `无法启动 LibreOffice，不能生成 PDF 预览：${(error as Error).message}`);
      }
      if (result.timedOut) throw new DocumentPreviewError('timeout', `PDF 预览生成超时（超过 ${conversionTimeoutMs / 1000} 秒），请稍后重试。`);
      try {
        return await readFile(path.join(directory, 'document.pdf'));
      } catch {
        const detail = result.stderr.trim().split('\n').slice(-2).join(' ');
        throw new DocumentPreviewError('failed', `PDF 预览生成失败（LibreOffice 退出码 ${result.code ?? '无'}）${detail ? `：${detail}` : '。'}`);
      }
    }),
  );
};

/** The first page of a PDF as a 60 dpi PNG (about 496 × 702 px for A4): a thumbnail. */
export const renderPngOfFirstPage = async (pdf: Buffer): Promise<Buffer> => {
  const pdftoppm = findOnPath(['pdftoppm']);
  if (!pdftoppm) throw new DocumentPreviewError('unavailable', '服务器未安装 pdftoppm（poppler-utils），不能生成页面缩略图。');
  return withTempDir('fuban-thumbnail-', async (directory) => {
    const input = path.join(directory, 'document.pdf');
    await writeFile(input, pdf);
    const result = await runTool(pdftoppm, ['-png', '-f', '1', '-l', '1', '-r', '60', '-singlefile', input, path.join(directory, 'page')], {
      cwd: directory,
      env: process.env,
      timeoutMs: imageTimeoutMs,
    });
    if (result.timedOut) throw new DocumentPreviewError('timeout', '页面缩略图生成超时，请稍后重试。');
    try {
      return await readFile(path.join(directory, 'page.png'));
    } catch {
      throw new DocumentPreviewError('failed', `页面缩略图生成失败：${result.stderr.trim() || `pdftoppm 退出码 ${result.code ?? '无'}`}`);
    }
  });
};
