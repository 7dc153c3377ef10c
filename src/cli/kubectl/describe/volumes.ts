/** The Volumes section (describeVolumes) for the volume sources the sandbox simulates. */
import type { Volume } from 'kubernetes-types/core/v1';
import { canonicalQuantity, compareQuantities, parseQuantity, ZERO_QUANTITY } from '../../../engine/util/quantity';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

type Lines = [string, unknown][];

/** `Type:\t<desc>` then `    Key:\tvalue` lines, as the print*VolumeSource helpers write them. */
function block(w: PrefixWriter, type: string, lines: Lines): void {
  w.write(LEVEL_2, `Type:\t${type}\n${lines.map(([k, v]) => `    ${k}:\t${v}\n`).join('')}`);
}

function emptyDirSizeLimit(limit: string | undefined): string {
  if (limit === undefined) return '<unset>';
  const q = parseQuantity(limit);
  return compareQuantities(q, ZERO_QUANTITY) > 0 ? canonicalQuantity(limit) : '<unset>';
}

function describeProjected(v: NonNullable<Volume['projected']>, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const s of v.sources ?? []) {
    if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`);
    else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`);
    else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
  }
}

function describeSource(v: Volume, w: PrefixWriter): void {
  if (v.hostPath) {
    block(w, 'HostPath (bare host directory volume)', [['Path', v.hostPath.path], ['HostPathType', v.hostPath.type ?? '<none>']]);
  } else if (v.emptyDir) {
    block(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [
      ['Medium', v.emptyDir.medium ?? ''],
      ['SizeLimit', emptyDirSizeLimit(v.emptyDir.sizeLimit)],
    ]);
  } else if (v.secret) {
    block(w, 'Secret (a volume populated by a Secret)', [['SecretName', v.secret.secretName ?? ''], ['Optional', v.secret.optional === true]]);
  } else if (v.configMap) {
    block(w, 'ConfigMap (a volume populated by a ConfigMap)', [['Name', v.configMap.name ?? ''], ['Optional', v.configMap.optional === true]]);
  } else if (v.nfs) {
    block(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [['Server', v.nfs.server], ['Path', v.nfs.path], ['ReadOnly', v.nfs.readOnly === true]]);
  } else if (v.persistentVolumeClaim) {
    block(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName', v.persistentVolumeClaim.claimName],
      ['ReadOnly', v.persistentVolumeClaim.readOnly === true],
    ]);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.azureFile) {
    block(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [
      ['SecretName', v.azureFile.secretName],
      ['ShareName', v.azureFile.shareName],
      ['ReadOnly', v.azureFile.readOnly === true],
    ]);
  } else if (v.projected) {
    describeProjected(v.projected, w);
  } else if (v.csi) {
    block(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver', v.csi.driver],
      ['FSType', v.csi.fsType ?? ''],
      ['ReadOnly', v.csi.readOnly === true],
    ]);
    describeCsiAttributes(v.csi.volumeAttributes, w);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/**
 * printCSIPersistentVolumeAttributesMultiline. Every piece is written at LEVEL_2, so each one,
 * values included, gets its own four-space prefix — a quirk real kubectl prints.
 */
function describeCsiAttributes(attrs: Record<string, string> | undefined, w: PrefixWriter): void {
  const keys = Object.keys(attrs ?? {}).sort();
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${k}=${attrs![k]}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

/** describeVolumes; `space` is the pod-template indent, which also shifts volume names by one. */
export function describeVolumes(volumes: Volume[] | undefined, w: PrefixWriter, space = ''): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    describeSource(v, w);
  }
}
