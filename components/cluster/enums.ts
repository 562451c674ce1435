/** How the Kubernetes API endpoint is reached. Never both: hybrid nodes would resolve public IPs. */
export enum EndpointAccess {
    Private = "private",
    Public = "public",
}

/** How hybrid nodes obtain AWS credentials. */
export enum NodeCredentials {
    /** AWS Systems Manager hybrid activations. */
    Ssm = "ssm",
    /** IAM Roles Anywhere with X.509 certificates. */
    IamRolesAnywhere = "iam-ra",
}

/** Systems Manager's tier for hybrid-activated nodes, per account and Region. */
export enum SsmInstanceTier {
    /** Up to 1,000 nodes at no charge. */
    Standard = "standard",
    /** Any number of nodes, charged per node hour. */
    Advanced = "advanced",
}

/** EKS cluster authentication mode; hybrid nodes need access entries, so CONFIG_MAP alone is not offered. */
export enum AuthenticationMode {
    Api = "API",
    ApiAndConfigMap = "API_AND_CONFIG_MAP",
}
