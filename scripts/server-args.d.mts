/** The arguments after `node` in `npm start` (server-args.mjs). */
export declare const serverArgs: string[];
