/**
 * Registers every kind's rules with the API server (each module calls `registerRules` when
 * imported). Import this once, as the Simulation does, before serving requests.
 */
import './configmap';
import './controllerrevision';
import './daemonset';
import './deployment';
import './event';
import './lease';
import './namespace';
import './nodes'; // not ./node: the layer lint reserves that path
import './pod';
import './replicaset';
import './secret';
import './serviceaccount';
import './service';
import './namespaceLifecycle';
