/** Pause, 1×, 10×, 60× and "skip ahead until quiet", with the virtual time always visible. */
import { useState } from 'react';
import type { Speed } from '../../protocol/messages';
import { useApp, useServices } from './context';
import { formatVirtualTime } from './format';

const SPEEDS: { speed: Speed; label: string; title: string }[] = [
  { speed: 'pause', label: '❚❚', title: 'Pause virtual time' },
  { speed: 1, label: '1×', title: 'Real time' },
  { speed: 10, label: '10×', title: 'Ten times faster' },
  { speed: 60, label: '60×', title: 'A minute per second' },
];

export function TimeControls() {
  const { bridge } = useServices();
  const clock = useApp((s) => s.clock);
  const [skipping, setSkipping] = useState(false);
  const skip = async () => {
    setSkipping(true);
    try {
      await bridge.skipAhead();
    } finally {
      setSkipping(false);
    }
  };
  return (
    <div className="time-controls" role="group" aria-label="Virtual time">
      <span className="clock" aria-live="off" title="Virtual time of the simulated cluster" data-testid="virtual-time">
        {formatVirtualTime(clock.now)}
      </span>
      {SPEEDS.map((s) => (
        <button key={String(s.speed)} type="button" aria-pressed={clock.speed === s.speed} title={s.title} aria-label={s.title} onClick={() => void bridge.setSpeed(s.speed)}>
          {s.label}
        </button>
      ))}
      <button type="button" onClick={() => void skip()} disabled={skipping} title="Let time run until the cluster is quiet" data-testid="skip-ahead">
        Skip until quiet »
      </button>
      <span className={clock.quiet ? 'quiet' : 'busy'} aria-label={clock.quiet ? 'Cluster is quiet' : 'Cluster is busy'} title={clock.quiet ? 'Quiet' : 'Things are happening'}>
        {clock.quiet ? '●' : '◐'}
      </span>
    </div>
  );
}
