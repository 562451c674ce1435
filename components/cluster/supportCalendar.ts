// The one table of EKS's Kubernetes support calendar: what validation refuses or warns about and
// what the cost estimate prices.

/** A version's support window on EKS: the days standard and extended support end, the first day without (UTC). */
export interface SupportWindow {
    endOfStandard: string;
    endOfExtended: string;
    /** Where the dates come from. */
    source: string;
}

const GUIDE = "EKS user guide, kubernetes-versions.adoc (awsdocs/amazon-eks-user-guide, stored 2024-12-18)";
const GUIDE_2026 = "EKS user guide, latest/ug/versioning/kubernetes-versions.adoc (awsdocs/amazon-eks-user-guide 0e7fca37)";

/**
 * EKS's calendar per Kubernetes minor. A version newer than the newest here is not recorded yet
 * (unverified): add it when AWS publishes it (`aws eks describe-cluster-versions` prints
 * endOfStandardSupportDate and endOfExtendedSupportDate).
 */
export const EKS_SUPPORT_CALENDAR: Readonly<Record<string, SupportWindow>> = {
    "1.24": { endOfStandard: "2024-01-31", endOfExtended: "2025-01-31", source: GUIDE },
    "1.25": { endOfStandard: "2024-05-01", endOfExtended: "2025-05-01", source: GUIDE },
    "1.26": { endOfStandard: "2024-06-11", endOfExtended: "2025-06-11", source: GUIDE },
    "1.27": { endOfStandard: "2024-07-24", endOfExtended: "2025-07-24", source: GUIDE },
    "1.28": { endOfStandard: "2024-11-26", endOfExtended: "2025-11-26", source: GUIDE },
    "1.29": { endOfStandard: "2025-03-23", endOfExtended: "2026-03-23", source: GUIDE },
    "1.30": { endOfStandard: "2025-07-23", endOfExtended: "2026-07-23", source: GUIDE },
    "1.31": { endOfStandard: "2025-11-26", endOfExtended: "2026-11-26", source: GUIDE },
    "1.32": { endOfStandard: "2026-03-23", endOfExtended: "2027-03-23", source: GUIDE_2026 },
    "1.33": { endOfStandard: "2026-07-29", endOfExtended: "2027-07-29", source: GUIDE_2026 },
    "1.34": { endOfStandard: "2026-12-02", endOfExtended: "2027-12-02", source: GUIDE_2026 },
    "1.35": { endOfStandard: "2027-03-27", endOfExtended: "2028-03-27", source: GUIDE_2026 },
};

/** The extra a cluster costs per month in extended support (USD, list prices 2026-11-22: $0.60 against $0.10 an hour). */
export const EXTENDED_SUPPORT_EXTRA_MONTHLY_USD = (0.6 - 0.1) * 730;

const minor = (version: string) => Number(version.split(".")[1]);

/** Where `version` stands on `date` (YYYY-MM-DD). */
export type SupportStanding =
    | { kind: "standard"; until: string }
    | { kind: "extended"; since: string; until: string }
    | { kind: "ended"; on: string }
    | { kind: "unknown"; newer: boolean };

/** The support standing of `version` on `date`, from the calendar. */
export function supportStanding(version: string, date: string): SupportStanding {
    const window = EKS_SUPPORT_CALENDAR[version];
    if (window === undefined) {
        const known = Object.keys(EKS_SUPPORT_CALENDAR).map(minor);
        return { kind: "unknown", newer: minor(version) > Math.max(...known) };
    }
    if (date >= window.endOfExtended) return { kind: "ended", on: window.endOfExtended };
    if (date >= window.endOfStandard) return { kind: "extended", since: window.endOfStandard, until: window.endOfExtended };
    return { kind: "standard", until: window.endOfStandard };
}

/** The oldest version still supported on `date` (standard or extended), from the calendar. */
export function oldestSupported(date: string): string | undefined {
    return Object.entries(EKS_SUPPORT_CALENDAR).find(([, w]) => date < w.endOfExtended)?.[0];
}

/** Why EKS would refuse `version` on `date`, or undefined. */
export function versionProblem(version: string, date: string): string | undefined {
    const standing = supportStanding(version, date);
    const oldest = oldestSupported(date);
    const use = oldest === undefined ? "use a newer version" : `use ${oldest} or newer`;
    if (standing.kind === "ended") return `${JSON.stringify(version)} reached the end of EKS extended support on ${standing.on}; ${use}`;
    if (standing.kind === "unknown" && !standing.newer)
        return `${JSON.stringify(version)} is older than every version EKS supports; ${use}`;
    return undefined;
}

/** What to say about `version` on `date` that is not a refusal, or undefined. */
export function versionWarning(version: string, date: string): string | undefined {
    const standing = supportStanding(version, date);
    if (standing.kind === "extended") {
        return (
            `Kubernetes ${version} is in EKS extended support since ${standing.since} (until ${standing.until}): about ` +
            `$${EXTENDED_SUPPORT_EXTRA_MONTHLY_USD.toFixed(0)} a month more per cluster than standard support; upgrade`
        );
    }
    if (standing.kind === "unknown" && standing.newer) {
        return `Kubernetes ${version} is newer than the support calendar recorded here (unverified): check that EKS offers it`;
    }
    return undefined;
}

/**
 * Today as YYYY-MM-DD (UTC), or the day `EKS_HYBRID_DATE` names: the day the support calendar is
 * read on (the tests pin it, so that they mean the same next year).
 */
export function today(): string {
    const pinned = process.env.EKS_HYBRID_DATE;
    if (pinned === undefined || pinned === "") return new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned) || Number.isNaN(Date.parse(pinned)))
        throw new Error(`EKS_HYBRID_DATE=${pinned}: expected a date such as 2026-12-03`);
    return pinned;
}
