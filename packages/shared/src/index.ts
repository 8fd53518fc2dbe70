export * from './access';
export * from './common';
export * from './documents';
export * from './format';
export * from './statistics';
export * from './geo';
export * from './plans';
export * from './reporting';
