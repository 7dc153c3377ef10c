import { describe, expect, it } from 'vitest';
import { completionWords, isIncomplete, splitArgv } from './words';

describe('isIncomplete', () => {
  it.each([
    ["echo 'open", true],
    ['echo "open', true],
    ['cat <<EOF\nline', true],
    ['while true; do', true],
    ['if true; then echo', true],
    ['kubectl get pods |', true],
    ['true &&', true],
    ['false ||', true],
    ['echo a \\', true],
    ['(echo', true],
    ['echo $(date', true],
    ['echo done', false],
    ['cat <<EOF\nline\nEOF', false],
    ['echo )', false],
    ['echo >', false],
    ['', false],
  ])('%j -> %s', (source, expected) => {
    expect(isIncomplete(source)).toBe(expected);
  });
});

describe('completionWords', () => {
  it('returns the words of the command under the cursor', () => {
    expect(completionWords('kubectl get po')).toEqual({ words: ['kubectl', 'get'], partial: 'po', start: 12 });
    expect(completionWords('kubectl get ')).toEqual({ words: ['kubectl', 'get'], partial: '', start: 12 });
  });

  it('starts over after pipes and separators, and removes quotes', () => {
    expect(completionWords('kubectl get pods | grep "we')).toEqual({ words: ['grep'], partial: 'we', start: 24 });
    expect(splitArgv("k logs 'my pod' -f")).toEqual(['k', 'logs', 'my pod', '-f']);
    expect(splitArgv('echo a\\ b; k get')).toEqual(['k', 'get']);
  });
});
