/** Where AWS keeps a VPN connection's pre-shared keys. */
export enum PresharedKeyStorage {
    /** In the Site-to-Site VPN service (AWS's default). */
    Standard = "standard",
    /** In an AWS Secrets Manager secret AWS creates for the connection. */
    SecretsManager = "secrets-manager",
}
