/** The one browser origin the test servers allow; free of Jest so benchmarks can use it too. */
export const testOrigin = 'http://caseroom.test';
