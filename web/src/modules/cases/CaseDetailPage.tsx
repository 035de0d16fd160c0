/**
 * 事项详情: header (编号, 状态, 时限 and why), the actions, fields, the kind's own sections,
 * 承办单位 with replies, 传阅, and the trail. A user who must act in a focused way now (a
 * leader's 签批) gets the kind's focused view first.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, type DescriptionsProps, Divider, Flex, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { describeHolders } from '../../../../common/case-holders.js';
import type { CaseDetail } from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/time.js';
import { DueTag } from '../../components/DueTag.js';
import { MaskedValue } from '../../components/MaskedValue.js';
import { PageContainer } from '../../components/PageContainer.js';
import { casePath, ledgerPath, useCaseDetail, useKinds } from './api.js';
import { AssignmentCards } from './AssignmentCards.js';
import { CaseActions } from './CaseActions.js';
import { CaseTrail } from './CaseTrail.js';
import { CirculationPanel } from './CirculationPanel.js';
import { ClocksPanel } from './ClocksPanel.js';
import { CreatedWarnings } from './CreatedWarnings.js';
import { displayFields, kindUiOf } from './kind-views.js';
import { Section } from './Section.js';
import './cases.css';

/** Why the case is due when it is: its own deadline, else the lead assignment that sets the date. */
const dueLinesOf = (detail: CaseDetail): string[] | undefined => {
  if (detail.deadline?.lines.length) return detail.deadline.lines;
  const setter = detail.assignments.find((assignment) => assignment.role === 'lead' && assignment.dueDate === detail.dueDate);
  return setter?.deadline?.lines;
};

const registrarOf = ({ registeredByName: name, registeredByUnitName: unit }: CaseDetail) => (name && unit ? `${unit} ${name}` : (name ?? '—'));

/** A personal field (姓名, 电话, 身份证号码 …) is shown masked, with 显示 for whoever may see it in full. */
const personalItem = (detail: CaseDetail, item: CaseDetail['personal'][number]) => ({
  key: item.field,
  label: item.label,
  children: <MaskedValue caseId={detail.id} field={item.field} masked={item.masked} canReveal={item.canReveal} />,
});

/** A free text (诉求内容 …) stays where the kind shows it; where numbers in it are masked, 显示 shows it whole. */
const fieldChildren = (detail: CaseDetail, field: ReturnType<typeof displayFields>[number]) => {
  const text = detail.personal.find((item) => item.isText && item.field === field.name);
  return (
    <div style={{ whiteSpace: 'pre-wrap' }}>
      {text?.canReveal ? <MaskedValue caseId={detail.id} field={text.field} masked={text.masked} canReveal /> : field.value}
    </div>
  );
};

const fieldItems = (detail: CaseDetail): DescriptionsProps['items'] => [
  ...displayFields(detail)
    .filter((field) => !detail.personal.some((item) => !item.isText && item.field === field.name))
    .map((field) => ({
      key: field.name,
      label: field.label,
      span: field.isLong ? ('filled' as const) : undefined,
      children: fieldChildren(detail, field),
    })),
  ...detail.personal.filter((item) => !item.isText && item.masked !== null).map((item) => personalItem(detail, item)),
  // 登记人 is the trail's: the person who registered it. The unit it belongs to shows only when it is not theirs
  // (a copy delivered to a unit at 核发), so the header never contradicts the 留痕.
  { key: 'registeredBy', label: '登记人', children: registrarOf(detail) },
  ...(detail.ownerUnitName && detail.ownerUnitName !== detail.registeredByUnitName ? [{ key: 'ownerUnitName', label: '所属单位', children: detail.ownerUnitName }] : []),
  { key: 'createdAt', label: '登记时间', children: formatDateTime(detail.createdAt) },
  ...(detail.closedAt ? [{ key: 'closedAt', label: kindUiOf(detail.kind)?.closedLabel ?? '办结时间', children: formatDateTime(detail.closedAt) }] : []),
];

const CaseHeader = ({ detail }: { detail: CaseDetail }) => (
  <Flex gap={12} align="center" wrap className="fb-case-header">
    <Typography.Text strong copyable={{ text: detail.serialNo, tooltips: ['复制编号', '已复制'] }} data-testid="case-serial">
      {detail.serialNo}
    </Typography.Text>
    <Tag>{detail.kindLabel}</Tag>
    <Tag color={detail.isClosed ? 'green' : 'processing'} data-testid="case-state">
      {detail.stateLabel}
    </Tag>
    {detail.dueDate && (
      <Space size={4}>
        <Typography.Text type="secondary">办理时限</Typography.Text>
        <DueTag dueDate={detail.dueDate} status={detail.dueStatus} lines={dueLinesOf(detail)} isVerbose />
      </Space>
    )}
  </Flex>
);

/** Whose desk the case is on now (its 待办): a new clerk need not read the trail to know whom it waits for. */
const CaseHolders = ({ detail }: { detail: CaseDetail }) => {
  const line = describeHolders(detail.holders);
  if (!line) return null;
  return (
    <Typography.Paragraph type="secondary" className="fb-case-holders" data-testid="case-holders">
      {line}
    </Typography.Paragraph>
  );
};

const CaseView = ({ detail }: { detail: CaseDetail }) => {
  const { data: kinds } = useKinds();
  const kind = kinds?.find((item) => item.id === detail.kind);
  const ui = kindUiOf(detail.kind);
  const [showsAll, setShowsAll] = useState(false);
  const focusAction = ui?.focus && detail.actions.find((action) => action.action === ui.focus?.action && (ui.focus.showsBlocked || !action.blockedReason));
  if (ui?.focus && focusAction && !showsAll) return <ui.focus.View detail={detail} action={focusAction} onShowAll={() => setShowsAll(true)} />;
  const hasAssignments = ui?.hasAssignments !== false || detail.assignments.length > 0;
  return (
    <>
      <CaseHeader detail={detail} />
      <CaseHolders detail={detail} />
      <div className="fb-case-actions">
        <CaseActions detail={detail} deadlineBasis={kind?.deadlineBasis} />
      </div>
      <Divider style={{ margin: '16px 0' }} />
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={15}>
          <Section title="基本信息">
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={fieldItems(detail)} />
          </Section>
          {ui?.Sections && <ui.Sections detail={detail} />}
          <ClocksPanel detail={detail} />
          {hasAssignments && (
            <Section title={ui?.assignmentsTitle ?? '承办单位'}>
              <AssignmentCards caseId={detail.id} assignments={detail.assignments} roleLabels={ui?.assignmentRoleLabels} />
            </Section>
          )}
          <CirculationPanel detail={detail} />
          {detail.links.length > 0 && (
            <Section title="关联事项">
              <Flex vertical gap={4}>
                {detail.links.map((link) => (
                  <Link key={link.caseId} to={casePath('case', link.caseId)}>
                    {link.serialNo} {link.title}
                  </Link>
                ))}
              </Flex>
            </Section>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Section title="办理留痕">
            <CaseTrail detail={detail} />
          </Section>
        </Col>
      </Row>
    </>
  );
};

/** /cases/:kind/:id — a link that does not know the kind (待阅, 关联事项) is corrected once the case is loaded. */
export const CaseDetailPage = () => {
  const { kind = '', id = '' } = useParams();
  const navigate = useNavigate();
  const { data: detail, isPending, isError, error, refetch } = useCaseDetail(id);
  // What the server warned about at registration (e.g. 重复收文), passed on by the form.
  const warnings = (useLocation().state as { warnings?: string[] } | null)?.warnings ?? [];

  useEffect(() => {
    if (detail && detail.kind !== kind) navigate(casePath(detail.kind, detail.id), { replace: true });
  }, [detail, kind, navigate]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(ledgerPath(kind)))}>
      返回
    </Button>
  );

  return (
    <PageContainer title={detail?.title ?? '事项详情'} extra={back}>
      {isPending && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      )}
      {isError && (
        <Result
          status="warning"
          title="无法查看该事项"
          subTitle={error.message}
          extra={<Button onClick={() => void refetch()}>重试</Button>}
        />
      )}
      {detail && warnings.length > 0 && <CreatedWarnings caseId={detail.id} warnings={warnings} />}
      {detail && <CaseView key={detail.id} detail={detail} />}
    </PageContainer>
  );
};
