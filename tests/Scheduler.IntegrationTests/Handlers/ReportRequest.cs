namespace Scheduler.IntegrationTests.Handlers;

/// <summary>The payload of <see cref="ReportJobHandler"/>.</summary>
public sealed record ReportRequest(string Customer, int Rows);
