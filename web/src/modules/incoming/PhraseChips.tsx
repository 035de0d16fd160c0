/**
 * 常用意见 as chips a leader taps on a phone (no typing; each tap adds to the opinion), and their upkeep: 管理 shows a × on
 * each and a box to add one; the opinion being written can be saved as a new one.
 */
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { notifySuccess, notifyWarning } from '../../app/request.js';
import { PhraseButtons } from '../../components/PhraseButtons.js';
import { useAddPhrase, usePhrases, useRemovePhrase } from './api.js';

/** `value` is the opinion being written; a tapped phrase comes back through `onChange` added to it. */
export const PhraseChips = ({ value, onChange }: { value: string; onChange: (text: string) => void }) => {
  const { data: phrases = [], isPending } = usePhrases();
  const addPhrase = useAddPhrase();
  const removePhrase = useRemovePhrase();
  const [isManaging, setIsManaging] = useState(false);
  const [draft, setDraft] = useState('');
  const currentText = value.trim();
  const canSaveCurrent = currentText.length > 0 && currentText.length <= 200 && !phrases.some((phrase) => phrase.text === currentText);

  const add = (text: string) => {
    if (phrases.some((phrase) => phrase.text === text)) {
      notifyWarning('已有这条常用意见');
      return;
    }
    addPhrase.mutate(text, {
      onSuccess: () => {
        notifySuccess('已加入常用意见');
        setDraft('');
      },
    });
  };

  return (
    <div className="fb-phrases">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">常用意见（点选添加）</Typography.Text>
        <Button type="link" size="small" onClick={() => setIsManaging((isOn) => !isOn)}>
          {isManaging ? '完成' : '管理'}
        </Button>
      </Flex>
      {isManaging ? (
        <Flex wrap gap={8}>
          {phrases.map((phrase) => (
            <Button
              key={phrase.id}
              shape="round"
              className="fb-phrase"
              icon={<CloseOutlined />}
              iconPlacement="end"
              aria-label={`删除常用意见：${phrase.text}`}
              loading={removePhrase.isPending && removePhrase.variables === phrase.id}
              onClick={() => removePhrase.mutate(phrase.id)}
            >
              {phrase.text}
            </Button>
          ))}
        </Flex>
      ) : (
        <PhraseButtons phrases={phrases.map((phrase) => phrase.text)} value={value} onChange={onChange}>
          {isPending && <Typography.Text type="secondary">加载中…</Typography.Text>}
        </PhraseButtons>
      )}
      {isManaging && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            aria-label="新的常用意见"
            placeholder="输入一条常用意见"
            maxLength={200}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onPressEnter={() => draft.trim() && add(draft.trim())}
          />
          <Button icon={<PlusOutlined />} disabled={!draft.trim()} loading={addPhrase.isPending} onClick={() => add(draft.trim())}>
            添加
          </Button>
        </Space.Compact>
      )}
      {!isManaging && canSaveCurrent && (
        <Button type="link" size="small" style={{ paddingInline: 0, marginTop: 4 }} loading={addPhrase.isPending} onClick={() => add(currentText)}>
          把这条意见存为常用意见
        </Button>
      )}
    </div>
  );
};
