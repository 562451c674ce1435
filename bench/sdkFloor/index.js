// Loads what the package's program loads from its dependencies, then registers one resource.
const pulumi = require("@pulumi/pulumi");
require("@pulumi/aws");
require("@pulumi/eks");
require("@pulumi/kubernetes");
require("@pulumi/random");

new pulumi.ComponentResource("sdk-floor:index:Floor", "floor");
