/** 单位管理: the unit tree with create, edit and enable/disable. */
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { unitTypeLabels } from '../../../../../common/schemas/org.js';
import { notifySuccess } from '../../../app/request.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { buildUnitTree, type UnitNode, useUnits, useUpdateUnit } from './api.js';
import { type UnitFormTarget, UnitFormModal } from './UnitFormModal.js';

export const UnitsPage = () => {
  const { data: units = [], isPending } = useUnits();
  const updateUnit = useUpdateUnit();
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [collapsedIds, setCollapsedIds] = useState<ReadonlySet<string>>(new Set());

  const tree = useMemo(() => buildUnitTree(units), [units]);
  const rootId = tree.length === 1 ? (tree[0]?.id ?? null) : null;
  // Every branch starts expanded (new ones too); the user's collapses are remembered.
  const expandedKeys = units
    .filter((unit) => !collapsedIds.has(unit.id) && units.some((child) => child.parentId === unit.id))
    .map((unit) => unit.id);

  const setActive = (unit: UnitNode, isActive: boolean) =>
    updateUnit.mutate(
      { id: unit.id, input: { version: unit.version, isActive } },
      { onSuccess: () => notifySuccess(isActive ? '单位已启用' : '单位已停用') },
    );

  const columns: TableColumnsType<UnitNode> = [
    { title: '单位名称', dataIndex: 'name', key: 'name', width: 240 },
    { title: '简称', dataIndex: 'shortName', key: 'shortName', render: (value: string | null) => value ?? '—' },
    { title: '类型', dataIndex: 'type', key: 'type', render: (value: UnitNode['type']) => unitTypeLabels[value] },
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    {
      title: '状态',
      dataIndex: 'isActive',
      key: 'isActive',
      width: 90,
      render: (isActive: boolean) => <Badge status={isActive ? 'success' : 'default'} text={isActive ? '启用' : '停用'} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_value, unit) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'edit', unit })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'create', parentId: unit.id })}>
            添加下级
          </Button>
          {unit.isActive ? (
            <Popconfirm
              title={`停用“${unit.name}”？`}
              description="停用后不能再选择该单位，已有数据不受影响。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => setActive(unit, false)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive(unit, true)}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="单位管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create', parentId: rootId })}>
          新建单位
        </Button>
      }
    >
      <Table<UnitNode>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        loading={isPending}
        pagination={false}
        size="middle"
        // On a phone every column was squeezed to 30 px (类型 a character a line): the row scrolls instead.
        scroll={{ x: 900 }}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpand: (isExpanded, unit) =>
            setCollapsedIds((previous) => {
              const next = new Set(previous);
              if (isExpanded) next.delete(unit.id);
              else next.add(unit.id);
              return next;
            }),
        }}
      />
      {formTarget && <UnitFormModal target={formTarget} onClose={() => setFormTarget(null)} />}
    </PageContainer>
  );
};
