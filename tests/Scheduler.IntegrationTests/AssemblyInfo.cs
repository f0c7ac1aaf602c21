// The integration tests share one machine's broker and database; run them one at a time so that a burst of
// 10,000 jobs in one test does not starve another test's timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
