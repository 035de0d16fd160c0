/** A titled section of the case detail page. */
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export const Section = ({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) => (
  <section className="fb-case-section" aria-label={title}>
    <div className="fb-case-section-head">
      <Typography.Title level={5}>{title}</Typography.Title>
      {extra}
    </div>
    {children}
  </section>
);
