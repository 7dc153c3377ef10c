/** DescribePodTemplate: the `Pod Template:` block of deployment and replicaset descriptions. */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { describeContainers } from './containers';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './helpers';
import { containerResourceValue } from './podResources';
import { describeVolumes } from './volumes';
import { describeTopologySpread } from './topology';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  const ctx = { resourceValue: containerResourceValue };
  if ((spec?.initContainers ?? []).length > 0) describeContainers('Init Containers', spec?.initContainers, ctx, w, '  ');
  describeContainers('Containers', spec?.containers, ctx, w, '  ');
  describeVolumes(spec?.volumes, w, '  ');
  describeTopologySpread(spec?.topologySpreadConstraints, w, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}
