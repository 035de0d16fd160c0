/**
 * 议定事项 of a 纪要: one row per decision — what, the 牵头单位, the 责任单位, by when. On 核发 each
 * becomes a 督办 item; here the drafter lists them beside the body that words them.
 */
import { Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { DatePicker } from '../../app/time.js';
import { UnitsTreeSelect, UnitTreeSelect } from '../../components/UnitTreeSelect.js';
import { requiredRule } from '../../app/form-rules.js';

export const DecisionsInput = () => (
  <Form.List name="decisions">
    {(items, { add, remove }) => (
      <div data-testid="minutes-decisions">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          纪要核发时，每项议定事项自动立项为督办事项（来源：会议议定事项），交办牵头单位和责任单位，按完成时限跟踪至销号。
        </Typography.Paragraph>
        {items.map((item, index) => (
          <Card
            key={item.key}
            size="small"
            style={{ marginBottom: 8 }}
            title={`议定事项 ${index + 1}`}
            extra={<Button type="link" danger onClick={() => remove(item.name)}>删除</Button>}
          >
            <Row gutter={12}>
              <Col xs={24}>
                <Form.Item label="事项" name={[item.name, 'text']} rules={[requiredRule('请写明议定事项')]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} aria-label={`议定事项 ${index + 1}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label="牵头单位" name={[item.name, 'leadUnitId']} rules={[{ required: true, message: '请选择牵头单位' }]}>
                  <UnitTreeSelect aria-label={`议定事项 ${index + 1} 牵头单位`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item label="责任单位" name={[item.name, 'helperUnitIds']}>
                  <UnitsTreeSelect aria-label={`议定事项 ${index + 1} 责任单位`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label="完成时限" name={[item.name, 'deadline']} rules={[{ required: true, message: '请选择完成时限' }]}>
                  <DatePicker style={{ width: '100%' }} aria-label={`议定事项 ${index + 1} 完成时限`} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        ))}
        <Button onClick={() => add({ text: '', helperUnitIds: [] })}>添加议定事项</Button>
      </div>
    )}
  </Form.List>
);
