// Defaults and choices of the hybrid cluster, with no cloud SDK: validation and the reference
// docs read them too.

/** Control-plane log types EKS offers. */
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
/** Control-plane log types on by default. */
export const DEFAULT_LOG_TYPES = ["api", "audit", "authenticator"];
/** Pod ports the control plane calls by default: generic TLS, common webhook ports, and 10250 (metrics-server, cert-manager). */
export const DEFAULT_WEBHOOK_PORTS = [443, 8443, 9443, 10250];

/** The label EKS sets on every node; hybrid nodes carry `hybrid`. */
export const COMPUTE_TYPE_LABEL = "eks.amazonaws.com/compute-type";
