/** The signed-in user, provided by the layout to every page under it. */
import { createContext, useContext } from 'react';
import type { Permission } from '../../../common/access.js';
import type { CurrentUser } from '../../../common/schemas/auth.js';

export const CurrentUserContext = createContext<CurrentUser | null>(null);

export const useCurrentUser = (): CurrentUser => {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside the signed-in layout');
  return user;
};

/** Whether the signed-in user holds a permission (to show or hide actions). */
export const useCan = (permission: Permission): boolean => useCurrentUser().permissions.includes(permission);
