import { strict as assert } from "assert";
import Ajv from "ajv";
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { CILIUM_VALUES_SCHEMA_FILE, ciliumValuesErrors, precompiledValidatorSource } from "../../cli/plan/ciliumValuesSchema";

describe("the Cilium values schema, precompiled by the build", () => {
    const schema = fs.readFileSync(CILIUM_VALUES_SCHEMA_FILE, "utf8");
    let precompiled: any;
    before(() => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "values-validator-")), "valuesValidator.js");
        fs.writeFileSync(file, precompiledValidatorSource());
        precompiled = createRequire(__filename)(file);
    });

    it("is stamped with the hash of the schema it was built from", () => {
        assert.equal(precompiled.schemaSha256, createHash("sha256").update(schema).digest("hex"));
    });

    it("judges values as the schema compiled at run time does", () => {
        const compiled = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(schema));
        const cases = [{}, { ipam: { mode: "multi-pool" } }, { MTU: "big", bgpControlPlane: { enabled: "yes" } }, { k8sServicePort: -1 }];
        for (const values of cases) {
            assert.equal(precompiled(values), compiled(values), JSON.stringify(values));
            assert.deepEqual(precompiled.errors ?? null, compiled.errors ?? null, JSON.stringify(values));
        }
        assert.deepEqual(ciliumValuesErrors({ MTU: "big" }), ["/MTU: must be integer"]);
    });
});
