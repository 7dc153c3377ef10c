/** The lesson core: the format's parser and validators, the starting cluster, the runner and `lessons check`. */
export type * from './model';
export { parseLesson, slugify, LESSON_FILE, type ParseResult } from './parse';
export { validateCatalogue, type CatalogueOptions } from './catalogue';
export { packLesson, unpackLesson, BUNDLE_FORMAT } from './bundle';
export { createLessonCluster } from './cluster';
export { LessonRunner, newProgress, type EventOutput, type LessonRunnerOptions } from './runner';
export { checkLesson, type LessonCheckResult, type StepCheckResult, type CheckLessonOptions } from './check';
export { evaluateCheck, checkTitle } from './evaluate';
export { readOnlyProblem, syntaxProblem } from './readOnly';
export { parseLessonDuration, formatLessonDuration } from './duration';
export { solutionScript } from './solutionScript';
export { LessonFs, LESSON_HOME } from './lessonFs';
