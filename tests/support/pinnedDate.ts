// Loaded before every test (.mocharc.json): the day the EKS support calendar is read on, so that
// the fixtures' Kubernetes version means the same whenever the tests run. Child processes inherit it.
process.env.EKS_HYBRID_DATE = "2026-12-03";
