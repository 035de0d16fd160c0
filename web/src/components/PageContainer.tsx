/** A page: title row (with optional actions) above a white card, and the document title. */
import { Card, Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { titleFor, useOfficeName } from '../app/brand.js';

export const PageContainer = ({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) => {
  const officeName = useOfficeName();
  useEffect(() => {
    document.title = `${title} · ${titleFor(officeName)}`;
  }, [title, officeName]);

  return (
    <section>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} gap={16} wrap>
        {/* A long title (a 200-字 公文 title, an unbroken 文号 string) wraps instead of widening the page. */}
        <Typography.Title level={4} style={{ margin: 0, minWidth: 0, flex: '1 1 320px', overflowWrap: 'anywhere' }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      <Card variant="borderless">{children}</Card>
    </section>
  );
};
