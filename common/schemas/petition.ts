/** The 信访 vocabulary the server's 信访件 kind checks and the web's 登记 form offers. */

/** 来源: how the 信访 came. */
export const petitionChannels = ['来信', '来访', '网上', '转办'] as const;
export type PetitionChannel = (typeof petitionChannels)[number];

/** Where a 转办 comes from; a 上级交办函 also covers the 省、市 交办函. */
export const referralSources = ['巡视组转办', '环保督察交办', '上级交办函'] as const;

/** Five or more people who come together are a 集体访. */
export const COLLECTIVE_VISIT_PEOPLE = 5;
