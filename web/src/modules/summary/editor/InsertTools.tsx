/**
 * The two ways to put something into the text where the caret was: 插入数字 (the picker) and, in a
 * template, 插入占位符 (a menu of {机关} {年度} …). They insert into the editor last focused.
 */
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { summaryPlaceholders } from '../../../../../common/documents/summary-source.js';
import type { MetricDefinitionView } from '../../../../../common/schemas/metrics.js';
import { notifyWarning } from '../../../app/request.js';
import { MetricPicker } from './MetricPicker.js';
import type { TokenEditorHandle } from './TokenEditor.js';

export const InsertTools = ({ target, catalogue, placeholders }: { target: () => TokenEditorHandle | null; catalogue: readonly MetricDefinitionView[]; placeholders: boolean }) => {
  const [isPicking, setPicking] = useState(false);
  const insert = (text: string) => {
    const editor = target();
    if (!editor) {
      notifyWarning('请先点击要插入的位置');
      return;
    }
    editor.insert(text);
  };
  return (
    <>
      <Button size="small" onMouseDown={(event) => event.preventDefault()} onClick={() => setPicking(true)} disabled={catalogue.length === 0}>
        插入数字
      </Button>
      {placeholders && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: summaryPlaceholders.map((placeholder) => ({ key: placeholder.name, label: `${placeholder.label}（{${placeholder.name}}）`, title: placeholder.hint })),
            onClick: ({ key }) => insert(`{${key}}`),
          }}
        >
          {/* Pressing the button must not take the caret from the text: the menu inserts where it was. */}
          <Button size="small" onMouseDown={(event) => event.preventDefault()}>
            插入占位符
          </Button>
        </Dropdown>
      )}
      {isPicking && (
        <MetricPicker
          catalogue={catalogue}
          onClose={() => setPicking(false)}
          onPick={(token) => {
            setPicking(false);
            insert(token);
          }}
        />
      )}
    </>
  );
};
