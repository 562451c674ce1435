import { strict as assert } from "assert";
import { ConfigError } from "../../components/config/problems";
import { EKS_SUPPORT_CALENDAR, supportStanding, versionProblem, versionWarning } from "../../components/cluster/supportCalendar";
import { parseHubConfig } from "../../components/hub/validateHub";
import { validHub } from "../support/fixtures";

describe("the EKS support calendar", () => {
    it("places a version in standard support, extended support or past it, by date (table)", () => {
        assert.deepEqual(supportStanding("1.33", "2026-07-28"), { kind: "standard", until: "2026-07-29" });
        assert.deepEqual(supportStanding("1.33", "2026-07-29"), { kind: "extended", since: "2026-07-29", until: "2027-07-29" });
        assert.deepEqual(supportStanding("1.33", "2027-07-29"), { kind: "ended", on: "2027-07-29" });
        assert.deepEqual(supportStanding("1.20", "2026-12-03"), { kind: "unknown", newer: false });
        assert.deepEqual(supportStanding("1.36", "2026-12-03"), { kind: "unknown", newer: true });
    });

    it("refuses 1.24 and anything older than the calendar, naming the oldest version still supported", () => {
        assert.equal(
            versionProblem("1.24", "2026-12-03"),
            '"1.24" reached the end of EKS extended support on 2025-01-31; use 1.32 or newer',
        );
        assert.equal(versionProblem("1.19", "2026-12-03"), '"1.19" is older than every version EKS supports; use 1.32 or newer');
        assert.equal(versionProblem("1.33", "2026-12-03"), undefined);
        assert.equal(versionProblem("1.36", "2026-12-03"), undefined);
    });

    it("warns in extended support with the monthly difference, and for a version newer than the calendar", () => {
        assert.equal(
            versionWarning("1.33", "2026-12-03"),
            "Kubernetes 1.33 is in EKS extended support since 2026-07-29 (until 2027-07-29): about $365 a month more per cluster " +
                "than standard support; upgrade",
        );
        assert.equal(
            versionWarning("1.36", "2026-12-03"),
            "Kubernetes 1.36 is newer than the support calendar recorded here (unverified): check that EKS offers it",
        );
        assert.equal(versionWarning("1.33", "2026-07-01"), undefined);
    });

    it("keeps extended support 12 months past standard for every version, each with its source", () => {
        for (const [version, w] of Object.entries(EKS_SUPPORT_CALENDAR)) {
            const plusYear = `${Number(w.endOfStandard.slice(0, 4)) + 1}${w.endOfStandard.slice(4)}`;
            assert.equal(w.endOfExtended, plusYear, version);
            assert.ok(w.source.length > 0, version);
        }
    });

    it("is what hub validation refuses on the tests' pinned day (EKS_HYBRID_DATE)", () => {
        assert.equal(process.env.EKS_HYBRID_DATE, "2026-12-03");
        assert.throws(
            () => parseHubConfig({ ...validHub(), kubernetesVersion: "1.24" }),
            (e: ConfigError) =>
                e.problems.map((p) => `${p.key}: ${p.message}`).join("\n") ===
                'eks-hybrid:hub.kubernetesVersion: "1.24" reached the end of EKS extended support on 2025-01-31; use 1.32 or newer',
        );
    });
});
