import { Problems, show } from "../components/config/problems";
import { AWS_REGION_PATTERN } from "../components/config/schemaParts";
import { HubConfig } from "../components/hub/hubArgs";
import { checkHub, HUB_CONFIG_KEY } from "../components/hub/validateHub";
import { SiteStackConfig } from "../components/site/siteArgs";
import { checkSiteStackConfig, SITE_CONFIG_KEY } from "../components/site/validateSite";

/** The project's config namespace (Pulumi.yaml `name`). */
export const PROJECT = "eks-hybrid";
/** The key that says which kind of stack a stack is. */
export const KIND_KEY = `${PROJECT}:kind`;
/** The site's BGP password: its own key so that `pulumi config set --secret` encrypts it. */
export const BGP_PASSWORD_NAME = "bgpPassword";
/** The site's BGP password as a full config key. */
export const BGP_PASSWORD_KEY = `${PROJECT}:${BGP_PASSWORD_NAME}`;

/** Which of the two stack kinds a stack is. */
export enum StackKind {
    Hub = "hub",
    Site = "site",
}

/** A checked stack config: a hub's settings or a site's. */
export type StackConfig = { kind: StackKind.Hub; hub: HubConfig } | { kind: StackKind.Site; site: SiteStackConfig };

/**
 * Reads a stack's `eks-hybrid:*` config (values already parsed from YAML or JSON) and checks it,
 * throwing one ConfigError with every problem.
 */
export function readStackConfig(config: Record<string, unknown>): StackConfig {
    const problems = new Problems();
    const stack = checkStackConfig(config, "", problems);
    problems.throwIfAny("invalid stack configuration");
    return stack!;
}

/**
 * The checks of one stack's config: the kind, no unknown keys in the project namespace, and the
 * settings of that kind. Keys of other namespaces (aws:region, …) belong to their providers and
 * are left alone. Every key is reported with `prefix` in front (a file name, for folders).
 * Returns the config when it has no problems.
 */
export function checkStackConfig(config: Record<string, unknown>, prefix: string, problems: Problems): StackConfig | undefined {
    const before = problems.all.length;
    const at = (key: string) => `${prefix}${key}`;
    const kind = config[KIND_KEY];
    const allowed: Record<StackKind, string> = { [StackKind.Hub]: HUB_CONFIG_KEY, [StackKind.Site]: SITE_CONFIG_KEY };
    if (kind === undefined) {
        problems.add(at(KIND_KEY), "missing; expected hub or site");
    } else if (kind !== StackKind.Hub && kind !== StackKind.Site) {
        problems.add(at(KIND_KEY), `${show(kind)} is not valid; use one of: hub, site`);
    }
    const region = config["aws:region"];
    // A Region reaches names, ARNs and log group paths: only AWS's shape passes.
    if (region !== undefined && (typeof region !== "string" || !AWS_REGION_PATTERN.test(region))) {
        problems.add(at("aws:region"), `${show(region)} is not an AWS Region; expected one such as eu-central-1`);
    }
    for (const key of Object.keys(config).sort()) {
        const namespace = key.split(":")[0];
        if (key.includes(":") && namespace !== PROJECT && isMisspelling(namespace, PROJECT)) {
            const meant = `${PROJECT}:${key.slice(namespace.length + 1)}`;
            problems.add(at(key), `unknown key; the project namespace is ${PROJECT}, did you mean ${meant}?`);
            continue;
        }
        if (!key.startsWith(`${PROJECT}:`) || key === KIND_KEY) continue;
        if (key === BGP_PASSWORD_KEY) {
            checkBgpPassword(config, kind, at, problems);
            continue;
        }
        const known = Object.values(allowed).includes(key);
        if (!known) {
            problems.add(at(key), `unknown key; valid keys: ${[KIND_KEY, ...Object.values(allowed), BGP_PASSWORD_KEY].join(", ")}`);
        } else if (allowed[kind as StackKind] !== undefined && allowed[kind as StackKind] !== key && !isEmptyMap(config[key])) {
            problems.add(
                at(key),
                `does not belong in a ${kind} stack; it is read only when ${KIND_KEY} is ${key === HUB_CONFIG_KEY ? "hub" : "site"}`,
            );
        }
    }
    const settingsKey = allowed[kind as StackKind];
    if (settingsKey !== undefined) {
        const settings = config[settingsKey];
        if (settings === undefined || isEmptyMap(settings))
            problems.add(at(settingsKey), `missing; a ${kind} stack needs its settings (see docs/CONFIG.md)`);
        else if (kind === StackKind.Hub) checkHub(settings, at(settingsKey), problems);
        else checkSiteStackConfig(settings, at(settingsKey), problems);
    }
    if (problems.all.length > before) return undefined;
    return kind === StackKind.Hub
        ? { kind, hub: config[HUB_CONFIG_KEY] as HubConfig }
        : { kind: StackKind.Site, site: config[SITE_CONFIG_KEY] as SiteStackConfig };
}

/**
 * Whether `word` is a near miss of `target` (at most two letters wrong, swapped, missing or extra):
 * such a namespace is a typo of the project's, not some provider's config (aws:region).
 */
export function isMisspelling(word: string, target: string): boolean {
    const d: number[][] = Array.from({ length: word.length + 1 }, (_, i) => [i, ...Array(target.length).fill(0)]);
    for (let j = 1; j <= target.length; j++) d[0][j] = j;
    for (let i = 1; i <= word.length; i++) {
        for (let j = 1; j <= target.length; j++) {
            const cost = word[i - 1] === target[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && word[i - 1] === target[j - 2] && word[i - 2] === target[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[word.length][target.length] <= 2;
}

/** A BGP password belongs to a site with BGP, as a secret (`pulumi config set --secret`). */
function checkBgpPassword(config: Record<string, unknown>, kind: unknown, at: (key: string) => string, problems: Problems): void {
    const value = config[BGP_PASSWORD_KEY];
    const site = config[SITE_CONFIG_KEY] as Partial<SiteStackConfig> | undefined;
    if (kind !== StackKind.Site || site?.bgp === undefined) {
        problems.add(at(BGP_PASSWORD_KEY), `is set but this is not a site stack with bgp; remove it or add ${SITE_CONFIG_KEY}.bgp`);
    } else if (typeof value === "string") {
        problems.add(at(BGP_PASSWORD_KEY), `is plain text; store it encrypted: pulumi config set --secret ${BGP_PASSWORD_KEY} <password>`);
    } else if (typeof (value as { secure?: unknown })?.secure !== "string") {
        problems.add(
            at(BGP_PASSWORD_KEY),
            `${show(value)} is not valid; expected a secret set with pulumi config set --secret ${BGP_PASSWORD_KEY}`,
        );
    }
}

// Pulumi.yaml declares both settings maps with the default {}, so every stack carries both.
function isEmptyMap(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * Pulumi hands config values to a program as strings, objects as JSON text, secrets decrypted.
 * Secret keys come back in the stack file's shape (`{ secure: … }`, value withheld) so the same
 * rules apply to a program's config and to a stack file.
 */
export function parseConfigValues(raw: Record<string, string>, secretKeys: readonly string[] = []): Record<string, unknown> {
    const parsed: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(raw)) {
        if (secretKeys.includes(key)) {
            parsed[key] = { secure: "(decrypted by Pulumi)" };
            continue;
        }
        try {
            parsed[key] = /^[[{]/.test(text.trim()) ? JSON.parse(text) : text;
        } catch {
            parsed[key] = text;
        }
    }
    return parsed;
}
