export * from './conflicts';
export * from './decide';
export * from './permissions';
export * from './policy-table';
export * from './standards';
export * from './idva-proposal';
export * from './victim-side';
export * from './reports';
