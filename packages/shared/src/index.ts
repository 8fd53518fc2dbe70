export * from './access';
export * from './common';
export * from './format';
export * from './geo';
export * from './statistics';
