// Package entry (package.json "main"): the components, for TypeScript users and for
// PulumiPlugin.yaml's schema inference. The Pulumi program lives in program/.
export * from "./components";
