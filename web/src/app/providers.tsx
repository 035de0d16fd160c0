/** App-wide providers: antd (zh_CN, theme), TanStack Query, and the session hooks of request.ts. */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect } from 'react';
import { meQueryKey } from '../modules/auth/api.js';
import { queryClient } from './query-client.js';
import { bindMessageApi, bindSessionHandlers, notifyWarning } from './request.js';

dayjs.locale('zh-cn');

bindSessionHandlers({
  // The session is gone (idle or absolute timeout, revoked): forget the user and say why;
  // the route guard then shows the login page.
  unauthenticated: (error) => {
    if (!queryClient.getQueryData(meQueryKey)) return;
    queryClient.setQueryData(meQueryKey, null);
    notifyWarning(error.message);
  },
  // The server wants a new password first: reload the user so the guard shows that page.
  passwordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  },
});

const MessageBridge = () => {
  const { message } = AntdApp.useApp();
  useEffect(() => bindMessageApi(message), [message]);
  return null;
};

export const Providers = ({ children }: { children: ReactNode }) => (
  <ConfigProvider
    locale={zhCN}
    button={{ autoInsertSpace: false }}
    theme={{
      algorithm: theme.defaultAlgorithm,
      token: {
        colorPrimary: '#1d4f91',
        borderRadius: 4,
        fontFamily:
          "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
      },
      components: {
        Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f3f4f6' },
        Menu: { itemSelectedBg: '#e8eef7', itemSelectedColor: '#1d4f91', itemHoverBg: '#f3f6fa' },
      },
    }}
  >
    <AntdApp>
      <MessageBridge />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AntdApp>
  </ConfigProvider>
);
