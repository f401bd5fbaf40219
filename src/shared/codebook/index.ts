/** The codebook: the default CHAT codebook, its tree order, and code names as people write them. */
export * from './chatDefault';
export * from './names';
export * from './order';
