import { PolicyPack } from "@pulumi/policy";
import { EKS_HYBRID_POLICIES } from "./policies";

// Serves the policies to the Pulumi engine (pulumi preview --policy-pack policy).
new PolicyPack("eks-hybrid-sites", { policies: EKS_HYBRID_POLICIES });
