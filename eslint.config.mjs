// Lint: typescript-eslint's recommended rules, every exported symbol described (the reference docs
// and other languages' SDKs are built from these comments), and no line over 140 characters.
import jsdoc from "eslint-plugin-jsdoc";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "out/**", "ref/**", "bin/**"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        plugins: { jsdoc },
        rules: {
            // Pulumi's runtime internals and untyped engine payloads are read through `any` on purpose.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
            ],
            "max-len": ["error", { code: 140, ignoreUrls: true }],
            "jsdoc/require-jsdoc": [
                "error",
                {
                    publicOnly: true,
                    require: { FunctionDeclaration: true, ClassDeclaration: true },
                    contexts: [
                        "TSInterfaceDeclaration",
                        "TSEnumDeclaration",
                        "TSTypeAliasDeclaration",
                        "ExportNamedDeclaration > VariableDeclaration",
                    ],
                },
            ],
        },
    },
    {
        // Plain CommonJS that runs before (or without) any compiler: the consumer test's harness,
        // the launchers and their build check, the benchmarks' and tests' preloads, the SDK floor.
        files: ["tests/fixtures/**/*.js", "tests/support/*.js", "cli/*.js", "program/main.js", "bench/**/*.js"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // Tests and benchmarks are not the package's API.
        files: ["tests/**/*.ts", "bench/**/*.ts"],
        rules: { "jsdoc/require-jsdoc": "off" },
    },
);
