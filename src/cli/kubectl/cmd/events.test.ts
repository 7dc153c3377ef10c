import { describe, expect, it } from 'vitest';
import { transcriptOf } from './testing';

describe('kubectl events', () => {
  it('lists events for an object, oldest first, with repeats counted', () => {
    const out = transcriptOf(`kubectl run crash --image=busybox -- sh -c 'exit 1'
sleep 60s
kubectl events --for pod/crash
kubectl events --for pod/crash --types=Warning --no-headers
kubectl events --types=Bad
kubectl events --for crash`);
    const table = out.split('$ kubectl events --for pod/crash\n')[1].split('$ ')[0].trim().split('\n');
    expect(table[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(table[1]).toMatch(/^\d+s\s+Normal\s+Scheduled\s+Pod\/crash\s+Successfully assigned default\/crash/);
    expect(out).toMatch(/\d+s \(x\d+ over \d+s\)\s+Warning\s+BackOff\s+Pod\/crash/);
    expect(out).toContain('error: valid --types are Normal or Warning\n');
    expect(out).toContain('error: --for must be in resource/name form\n');
  });

  it('-w streams events as they are recorded, each row aged when printed', () => {
    const out = transcriptOf(`kubectl create deployment web --image=nginx:1.27\nkubectl events -w --for deployment/web`);
    const rows = out.split('kubectl events -w --for deployment/web\n')[1].trim().split('\n');
    expect(rows[0]).toMatch(/^LAST SEEN\s+TYPE/);
    expect(rows[1]).toMatch(/^0s\s+Normal\s+ScalingReplicaSet\s+Deployment\/web\s+Scaled up replica set web-\w+ from 0 to 1$/);
  });

  it('says when there are none', () => {
    expect(transcriptOf('kubectl events -n nope')).toContain('No events found in nope namespace.\n');
  });
});
