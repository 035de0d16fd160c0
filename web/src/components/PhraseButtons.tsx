/**
 * 常用意见 as round chips under an opinion box: a tap adds the phrase to what is written, never in its place
 * (a clerk builds an opinion from pieces), joined by appendPhrase — on every screen alike: the 拟办 of a form,
 * the leader's 批示, the 签发, the 会签.
 */
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { appendPhrase } from '../../../common/opinion-text.js';
import './phrases.css';

export const PhraseButtons = ({
  phrases,
  value,
  onChange,
  children,
}: {
  phrases: readonly string[];
  /** What the box holds now. */
  value: string;
  /** The box's new text, with the tapped phrase added. */
  onChange: (text: string) => void;
  children?: ReactNode;
}) => (
  <Flex wrap gap={8} className="fb-phrase-list" role="group" aria-label="常用意见">
    {children}
    {phrases.map((phrase) => (
      <Button key={phrase} shape="round" className="fb-phrase" onClick={() => onChange(appendPhrase(value, phrase))}>
        {phrase}
      </Button>
    ))}
  </Flex>
);
