/**
 * What the kubelet needs from the container runtime (`runtime/`: image catalog, process models).
 * The kubelet only talks to this interface; `defaultRuntime.ts` adapts the real `runtime/`
 * modules to it, and tests may hand in their own.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../objects';
import type { ExecInput, ExecStart, FileViewInput } from './runtime/exec';

export type { ExecInput, ExecStart };

export interface Platform {
  os: string;
  arch: string;
}

export type ImageResolution =
  | {
      ok: true;
      /** The normalized reference containerd reports (`docker.io/library/nginx:1.25`). */
      ref: string;
      /** `docker.io/library/nginx@sha256:<64 hex>` */
      imageID: string;
      /** Bytes, as printed in `Image size: N bytes.` */
      size: number;
    }
  | {
      ok: false;
      /** `InvalidImageName`: the reference does not parse; `ErrImagePull`: the registry refuses it. */
      reason: 'InvalidImageName' | 'ErrImagePull';
      /** The kubelet's message (`Failed to apply default image tag "X": couldn't parse image name …`), or containerd's error text (`rpc error: code = NotFound desc = …`). */
      message: string;
    };

/** A process's request of its host; the kubelet answers `call` effects. */
export type ProcEffect =
  | { type: 'log'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'sleep'; ms: number }
  /** Listening (and healthy) from now on: http/tcp probes on these ports pass. */
  | { type: 'ready'; ports?: number[] }
  | { type: 'unready' }
  /** The process now uses this much CPU and memory. */
  | { type: 'usage'; cpuMillis: number; memoryBytes: number }
  | { type: 'call'; name: string; payload?: unknown };

export interface ProcExit {
  exitCode: number;
  /** e.g. `OOMKilled`, `StartError`; defaults to Completed / Error by exit code. */
  reason?: string;
  message?: string;
}

/** A simple file system per container, shared by its process and exec probes. */
export interface ContainerFs {
  read(path: string): string | undefined;
  write(path: string, text: string, append: boolean): void;
  /** Every file path written so far (for `ls` in exec sessions). */
  paths?(): string[];
}

export interface ProcessInput {
  pod: KubeObject;
  container: Container;
  podIP: string;
  nodeName: string;
  /** The node's kernel release (containers share their node's kernel). */
  kernelVersion?: string;
  /** Virtual time as the process sees it. */
  now: () => number;
  /** Seed for the process's own randomness (kept in the snapshot, so replays match). */
  seed: number;
  /** Memory limit in bytes, if the container has one. */
  memoryLimitBytes?: number;
  fs: ContainerFs;
}

export interface ContainerProcess {
  gen: Generator<ProcEffect, ProcExit, unknown>;
  /** What SIGTERM does: the process exits after `ms` with `exitCode`, or ignores it (PID 1 `sleep`). */
  sigterm(): { ms: number; exitCode: number } | 'ignore';
  /** HTTP status for a GET on a listening port; undefined means 200. */
  http?(port: number, path: string): number | undefined;
}

export interface ExecResult {
  exitCode: number;
  output: string;
  /** Virtual ms the command took (sleeps). */
  ms: number;
}

export interface ContainerRuntime {
  resolveImage(image: string, platform: Platform): ImageResolution;
  /** How long a pull takes; `layersCached` when the same image is already on the node. */
  pullDuration(image: { ref: string; size: number }, layersCached: boolean, random: () => number): number;
  /** How long a failing pull takes before the registry answers with its error. */
  pullFailureDuration(random: () => number): number;
  startProcess(input: ProcessInput): ContainerProcess;
  /** Runs `argv` in the container (exec probes): through the shell, on the container's fs. */
  exec(argv: string[], fs: ContainerFs, now: () => number, env: Record<string, string>): ExecResult;
  /** A file as the running container sees it (image, mounts, volumes, what it wrote), for its servers. */
  readFile?(input: FileViewInput, path: string): string | undefined;
  /** `kubectl exec`: starts `argv` in the running container, or returns the runtime's error. */
  execSession?(input: ExecInput): ExecStart;
}
