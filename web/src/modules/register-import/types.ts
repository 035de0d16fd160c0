/**
 * What a register import (收文登记簿, 发文登记簿) has in common on the page: the preview and the
 * result every such import returns, and the config a module fills in with what is its own.
 */
import type { TableColumnsType } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ImportMode, ImportPreview, ImportResult } from '../../../../common/schemas/incoming-import.js';

export type { ImportMode };

/** Field → 0-based column index; null leaves the field unmapped (a missing field keeps the server's guess). */
export type RegisterMapping = Partial<Record<string, number | null>>;

/** A field a column can be mapped to. */
export type RegisterFieldRow = { field: string; label: string; isRequired: boolean };

/** An Excel row that cannot be imported, with all its reasons. */
export type RegisterInvalidRow = ImportResult['invalid'][number];

/**
 * The dry run: what both imports' previews share (the 收文 contract, which the 发文 one follows;
 * a module's own may carry more), with its fields and sample left open.
 */
export type RegisterPreview = Pick<ImportPreview, 'sheet' | 'headerRow' | 'headers' | 'rows' | 'valid' | 'invalid' | 'duplicates'> & {
  fields: RegisterFieldRow[];
  suggestedMapping: Record<string, number | null>;
  mapping: Record<string, number | null>;
  sample: { row: number }[];
};

export type RegisterResult = Pick<ImportResult, 'imported' | 'skippedDuplicates' | 'invalid'>;

/** Where a register's import lives on the server, and which cached queries an import changes. */
export type RegisterImportEndpoints = { previewUrl: string; importUrl: string; invalidates: readonly QueryKey[] };

/** One more number beside the preview's counts. */
export type RegisterStatistic = { title: string; value: number; suffix: string };

/** What one register's import page has of its own: its kind, endpoints, texts and sample columns. */
export type RegisterImportConfig<Preview extends RegisterPreview, Result extends RegisterResult> = {
  /** The case kind whose `canCreate` opens the page and whose ledger it returns to. */
  kindId: string;
  /** 收文, 发文: in the title, the buttons and the messages. */
  noun: string;
  /** The page's title when it is not 导入历史{noun} (导入分工方案). */
  pageTitle?: string;
  endpoints: RegisterImportEndpoints;
  /** Under the upload area: what the file must hold. */
  uploadHint: ReactNode;
  previewTestId: string;
  /** After 「以下只是预览」: what has not happened yet. */
  previewNote: string;
  /** What a skipped valid row is called: 重复, 已导入. */
  skippedWord: string;
  duplicatesTitle: string;
  extraStatistics?: (preview: Preview) => RegisterStatistic[];
  /** A mapping the import cannot run with: the message, and the import buttons stay disabled. */
  mappingProblem?: (mapping: Preview['mapping']) => string | null;
  sampleColumns: TableColumnsType<Preview['sample'][number]>;
  sampleScrollX: number;
  /** Above the import buttons: what an imported row becomes. */
  importNotice?: { title: string; description: string };
  resultNote: string;
  /**
   * Above the preview: what a register's preview has of its own (rows still being handled, duplicates with
   * the earlier row), and its own form fields sent with every preview and import (`extra`).
   */
  /** The register's own form fields before the first preview (a 建议提案 list's body, 届次, session). */
  initialExtra?: Record<string, string>;
  PreviewExtra?: (props: { preview: Preview; extra: Record<string, string>; onExtraChange: (extra: Record<string, string>) => void }) => ReactNode;
  /** Above the result's invalid rows. */
  ResultExtra?: (props: { result: Result }) => ReactNode;
};
