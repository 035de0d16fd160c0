/**
 * Route-level code splitting: a page other than 登录 and 待办 is fetched when its route is first
 * opened, so signing in does not download every module's code (`npm run bundle:size` checks the figure).
 */
import { Flex, Spin } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/** A page component loaded on first render from the named export `name` of the module `load` imports. */
export const lazyPage = <Module, Name extends keyof Module>(load: () => Promise<Module>, name: Name) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

/** While a page's code is on its way: the same spinner a page shows while its data is. */
export const PageSuspense = ({ children }: { children: ReactNode }) => (
  <Suspense
    fallback={
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin description="加载中…" />
      </Flex>
    }
  >
    {children}
  </Suspense>
);

const reloadedAtKey = 'fuban:reloaded-for-new-build';

/**
 * A tab opened before an upgrade asks for the old build's page chunks, which the new build replaced:
 * reload it once to get the new build (index.html is never cached). A second failure within a minute
 * is not a stale tab (the network is down, say): the error then shows as it is.
 */
export const reloadWhenBuildIsGone = () => {
  window.addEventListener('vite:preloadError', (event) => {
    const reloadedAt = Number(sessionStorage.getItem(reloadedAtKey) ?? 0);
    if (Date.now() - reloadedAt < 60_000) return;
    sessionStorage.setItem(reloadedAtKey, String(Date.now()));
    event.preventDefault();
    window.location.reload();
  });
};
