using System.Text.Json.Serialization;

namespace Scheduler.Service.Api;

/// <summary>
/// What became of one job of <c>POST /api/jobs/batch</c>: <c>status</c> 201 (created) or 200 (it existed: same job id or
/// idempotency key) with the job as stored; 400 with the errors by field, as the single route's problem details carry
/// them; 409 when the job id belongs to another tenant.
/// </summary>
public sealed record JobBatchItem(
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobResponse? Job = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null);
