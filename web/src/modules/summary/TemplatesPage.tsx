/**
 * 总结模板: the built-in templates (市, 县, 区, 开发区 年度; 半年; 月度) and the office's own, by level or
 * period; the one each kind of period uses by default; copy one to an office template, edit, retire.
 */
import { Button, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { periodKindLabels, type TemplateView } from '../../../../common/schemas/summary.js';
import { useCan } from '../../app/current-user.js';
import { notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useRetireTemplate, useSetDefaultTemplate, useSummaryTemplates } from './api.js';
import { CopyTemplateModal } from './CopyTemplateModal.js';

const filters = ['全部', '市', '县', '区', '开发区', '半年', '月度'] as const;
type Filter = (typeof filters)[number];

const matches = (template: TemplateView, filter: Filter) => {
  if (filter === '全部') return true;
  if (filter === '半年') return template.periodKind === 'half';
  if (filter === '月度') return template.periodKind === 'month';
  return template.periodKind === 'year' && (template.level === filter || template.level === null);
};

export const TemplatesPage = () => {
  const { data: templates = [], isPending } = useSummaryTemplates();
  const mayEdit = useCan('summary.template');
  const setDefault = useSetDefaultTemplate();
  const retire = useRetireTemplate();
  const [filter, setFilter] = useState<Filter>('全部');
  const [copying, setCopying] = useState<TemplateView | null>(null);
  const nameOf = (key: string | null) => templates.find((template) => template.key === key)?.name ?? key;

  return (
    <PageContainer title="总结模板" extra={<Link to="/summaries">返回工作总结</Link>}>
      <Typography.Paragraph type="secondary">
        生成总结草稿时按模板成稿。内置模板不能直接修改：复制为本办模板后，可修改各部分标题和文字、插入数字与占位符，并按所选年度预览；每类期间（年度、半年、月度）设定一个默认模板。
      </Typography.Paragraph>
      <Segmented<Filter> options={[...filters]} value={filter} onChange={setFilter} style={{ marginBottom: 12 }} aria-label="按层级或期间筛选" />
      <Table<TemplateView>
        rowKey="key"
        loading={isPending}
        dataSource={templates.filter((template) => matches(template, filter))}
        pagination={false}
        // As the drafts' list: on a phone the row scrolls rather than breaking every cell a character a line.
        scroll={{ x: 990 }}
        columns={[
          {
            title: '名称',
            key: 'name',
            width: 280,
            render: (_value, template) => (
              <Space>
                <Link to={`/summaries/templates/${template.key}`}>{template.name}</Link>
                {template.isDefault && <Tag color="blue">默认（{periodKindLabels[template.periodKind]}）</Tag>}
              </Space>
            ),
          },
          { title: '层级', key: 'level', width: 110, render: (_value, template) => template.level ?? '通用' },
          { title: '期间', key: 'periodKind', width: 80, render: (_value, template) => periodKindLabels[template.periodKind] },
          { title: '来源', key: 'origin', width: 240, render: (_value, template) => (template.isBuiltIn ? '内置' : `本办${template.basedOn ? `（复制自${nameOf(template.basedOn)}）` : ''}`) },
          {
            title: '操作',
            key: 'actions',
            width: 280,
            render: (_value, template) =>
              mayEdit && (
                <Flex gap={4} wrap>
                  <Button size="small" onClick={() => setCopying(template)}>
                    复制为本办模板
                  </Button>
                  {!template.isDefault && (
                    <Button
                      size="small"
                      loading={setDefault.isPending && setDefault.variables?.templateKey === template.key}
                      onClick={() => setDefault.mutate({ periodKind: template.periodKind, templateKey: template.key }, { onSuccess: () => notifySuccess(`${periodKindLabels[template.periodKind]}总结默认使用“${template.name}”`) })}
                    >
                      设为默认
                    </Button>
                  )}
                  {!template.isBuiltIn && (
                    <Popconfirm title="停用此模板？已生成的草稿不受影响。" okText="停用" cancelText="取消" onConfirm={() => retire.mutate({ key: template.key, version: template.version! }, { onSuccess: () => notifySuccess('已停用') })}>
                      <Button size="small" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              ),
          },
        ]}
      />
      {copying && <CopyTemplateModal template={copying} onClose={() => setCopying(null)} />}
    </PageContainer>
  );
};
