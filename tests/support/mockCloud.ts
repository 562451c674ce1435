// Tests run the components on the package's own mock engine, with realistic placeholders.
export { MockEngine as MockCloud, Registration, secretInput } from "../../cli/plan/mockEngine";

export const ACCOUNT = "123456789012";
export const REGION = "eu-central-1";
export const ZONES = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
