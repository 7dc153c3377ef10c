import { describe, expect, it } from 'vitest';
import { memoryFs } from '../io';
import { runScript } from '../run';
import { drain } from '../testing';

const sh = (source: string, fs = memoryFs({ '/d.yaml': 'spec:\n  replicas: 3\nstatus:\n  replicas: 3\n' })) => ({ ...drain(runScript(source, { dialect: 'bash', fs })), fs });

describe('sed', () => {
  it('substitutes the first match of each line, or every one with g', () => {
    expect(sh("echo aaa | sed 's/a/b/'").stdout).toBe('baa\n');
    expect(sh("echo aaa | sed 's/a/b/g'").stdout).toBe('bbb\n');
    expect(sh("echo aaa | sed 's/a/b/2'").stdout).toBe('aba\n');
    expect(sh("echo 'a/b' | sed 's|/|-|'").stdout).toBe('a-b\n');
    expect(sh("echo 'web:1.0' | sed -e 's/web/api/' -e 's/1\\.0/2.0/'").stdout).toBe('api:2.0\n');
    expect(sh("echo 'x=1' | sed 's/\\(x\\)=\\([0-9]\\)/\\2=\\1 [&]/'").stdout).toBe('1=x [x=1]\n');
    expect(sh("echo 'x=1' | sed -E 's/(x)=([0-9])/\\2/; s/1/one/'").stdout).toBe('one\n');
    expect(sh("printf 'a\\nb\\n' | sed -n 's/b/B/p'").stdout).toBe('B\n');
  });

  it('rewrites files in place with -i', () => {
    const r = sh("sed -i 's/replicas: 3/replicas: 5/' /d.yaml");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.fs.read('/d.yaml')).toBe('spec:\n  replicas: 5\nstatus:\n  replicas: 5\n');
  });

  it('reports errors as GNU sed does', () => {
    expect(sh("sed 's/a/b' /d.yaml")).toMatchObject({ status: 1, stderr: "sed: -e expression #1, char 5: unterminated `s' command\n" });
    expect(sh("sed 's/a/b/q' /d.yaml")).toMatchObject({ status: 1, stderr: "sed: -e expression #1, char 7: unknown option to `s'\n" });
    expect(sh("sed 's/a/b/' /nope")).toMatchObject({ status: 2, stderr: "sed: can't read /nope: No such file or directory\n" });
    expect(sh("sed -i 's/a/b/'")).toMatchObject({ status: 1, stderr: 'sed: no input files\n' });
  });
});
