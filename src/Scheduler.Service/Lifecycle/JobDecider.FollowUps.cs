using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Contracts;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

// Follow-ups: when an occurrence ends succeeded (or faulted), each of the job's follow-up definitions is scheduled as a
// new job of the same tenant, with its parent and the parent run's result. Its command is written to the due table with
// the run's outcome, so a follow-up is never lost nor scheduled twice: a redelivered report decides alike (the same ids)
// or finds the run ended.
public static partial class JobDecider
{
    static void ScheduleFollowUps(JobChange change, IReadOnlyList<ScheduleJob>? followUps, JobRun run)
    {
        // A cancelled job starts nothing more, follow-ups included.
        if (followUps is not { Count: > 0 } || change.Status == JobStatus.Cancelled)
            return;

        var job = change.Job;
        var parent = new JobParent { JobId = job.CorrelationId, RunId = run.Id };
        foreach (var followUp in followUps.OfType<ScheduleJob>())
        {
            var command = followUp with
            {
                JobId = change.Grounds.NewId(change.Now),
                TenantId = job.TenantId,
                Parent = parent,
                Payload = WithParentResult(followUp.Payload, run.Result),
            };
            change.Add(new JobEffect.ScheduleFollowUp(command, change.Now));
            change.Audit(AuditEvent.FollowUpScheduled, SchedulerActor, change.Status, change.Status!.Value, run.Id,
                $"job {command.JobId} ({command.Name}, handler {command.Handler}, {JobDefinition.Describe(command.Schedule)})");
        }
    }

    /// <summary>The follow-up's payload with the parent run's result in it as <c>parentResult</c> (when the run had one).</summary>
    static JsonElement? WithParentResult(JsonElement? payload, JsonElement? result)
    {
        if (result is not { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value)
            return payload;

        var merged = payload is { ValueKind: JsonValueKind.Object } given ? JsonObject.Create(given)! : new JsonObject();
        merged["parentResult"] = JsonNode.Parse(value.GetRawText());
        return JsonSerializer.SerializeToElement(merged);
    }
}
