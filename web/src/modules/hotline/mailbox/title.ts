/** The browser tab's title on the public pages (they live outside the app layout, which sets it elsewhere). */
import { useEffect } from 'react';

export const useAutoTitle = (title: string) => {
  useEffect(() => {
    document.title = title;
  }, [title]);
};
