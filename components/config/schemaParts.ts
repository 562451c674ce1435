// Building blocks of the typed stack-config schemas. Every `description` is phrased as what
// would be valid: validation messages quote it. `default` is the one place a default is shown
// (docs/CONFIG.md is generated from the schemas); the code reads the same constant.

/** An optional key: ajv's JSONSchemaType marks it nullable (structure.ts still refuses null). */
export function optional<S extends object>(schema: S): S & { nullable: true } {
    return { ...schema, nullable: true };
}

/** An AWS Region's shape (eu-central-1, us-gov-west-1, eusc-de-east-1): it reaches names, ARNs and paths. */
export const AWS_REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** An IPv4 CIDR (parsed and checked by the address rules). */
export function cidrSchema(example: string) {
    return { type: "string", description: `an IPv4 CIDR such as ${example}` } as const;
}

/** A non-empty list of IPv4 CIDRs. */
export function cidrListSchema(example: string) {
    return {
        type: "array",
        minItems: 1,
        items: cidrSchema(example),
        description: `a non-empty list of IPv4 CIDRs such as [${example}]`,
    } as const;
}

/** A whole number in a range. */
export function countSchema(description: string, minimum: number, maximum: number) {
    return { type: "integer", minimum, maximum, description } as const;
}

/** One of a TypeScript string enum's values. */
export function enumSchema<E extends string>(values: Record<string, E>, description: string) {
    return { type: "string", enum: Object.values(values), description } as const;
}

/** A non-empty list of distinct values from a fixed set. */
export function choiceListSchema<T extends string | number>(type: T extends string ? "string" : "integer", values: T[], what: string) {
    return {
        type: "array",
        minItems: 1,
        uniqueItems: true,
        items: { type, enum: values, description: values.join(", ") },
        description: `a non-empty list of distinct ${what} from: ${values.join(", ")}`,
    } as const;
}

/** true or false. */
export const booleanSchema = { type: "boolean", description: "true or false" } as const;

/** Tags on every taggable resource. */
export const tagsSchema = {
    type: "object",
    required: [],
    // AWS's tag rules: keys of 1-128 and values of at most 256 letters, digits, spaces and _ . : / = + - @,
    // keys not starting with aws: (AWS's own).
    propertyNames: {
        type: "string",
        pattern: "^(?![aA][wW][sS]:)[\\p{L}\\p{N} _.:/=+\\-@]{1,128}$",
        description: "a tag name: 1-128 letters, digits, spaces and _ . : / = + - @, not starting with aws: (any case)",
    },
    additionalProperties: {
        type: "string",
        pattern: "^[\\p{L}\\p{N} _.:/=+\\-@]{0,256}$",
        description: "a tag value: at most 256 letters, digits, spaces and _ . : / = + - @",
    },
    description: "a map of tag names to string values",
} as const;

/** An SNS topic ARN. */
export const snsTopicArnSchema = {
    type: "string",
    pattern: "^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}$",
    description: "an SNS topic ARN such as arn:aws:sns:eu-central-1:123456789012:hybrid-alerts",
} as const;

/** A Kubernetes minor version, quoted in YAML so that 1.30 stays "1.30". */
export const kubernetesVersionSchema = {
    type: "string",
    pattern: "^1\\.\\d{2}$",
    description: 'a quoted Kubernetes minor version such as "1.33"',
} as const;
