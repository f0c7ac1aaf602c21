using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>The behaviour of <see cref="JobStateMachine"/>'s transitions, so that the machine itself reads as a list of rules.</summary>
internal static class JobLifecycleActivities
{
    /// <summary>Header a sender sets to name itself in the audit trail (the REST API sends <c>api</c>).</summary>
    public const string ActorHeader = "Scheduler-Actor";

    public static EventActivityBinder<JobState, ScheduleJob> AcceptJob(this EventActivityBinder<JobState, ScheduleJob> binder) =>
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var command = context.Message;
            var now = ledger.Now;

            job.TenantId = command.TenantId;
            job.Name = command.Name!;
            job.Handler = command.Handler!;
            job.Payload = command.Payload;
            job.Schedule = command.Schedule;
            job.Priority = command.Priority ?? JobPriority.Normal;
            job.Retry = command.Retry;
            job.Timeout = command.Timeout;
            job.Concurrency = command.Concurrency;
            job.Misfire = command.Misfire;
            job.IdempotencyKey = command.IdempotencyKey;
            job.Metadata = command.Metadata;
            job.CreatedAt = now;
            job.UpdatedAt = now;
            job.NextRunAt = now;

            ledger.Record(job, "scheduled", ActorOf(context), from: null, to: JobStatus.Scheduled,
                detail: $"handler {job.Handler}, run now");
        });

    /// <summary>Opens a run for the job's current occurrence and sends it to the handler's queue.</summary>
    public static EventActivityBinder<JobState, ScheduleJob> DispatchRun(this EventActivityBinder<JobState, ScheduleJob> binder) =>
        binder
            .Then(context =>
            {
                var ledger = context.GetServiceOrCreateInstance<JobLedger>();
                var run = ledger.OpenRun(context.Saga, scheduledFor: context.Saga.NextRunAt ?? ledger.Now);
                context.Saga.CurrentRunId = run.Id;
            })
            .Send(context => HandlerEndpoint.Address(context.Saga.Handler), context => new ExecuteJob
            {
                JobId = context.Saga.CorrelationId,
                RunId = context.Saga.CurrentRunId!.Value,
                TenantId = context.Saga.TenantId,
                Handler = context.Saga.Handler,
                Name = context.Saga.Name,
                Payload = context.Saga.Payload,
                Attempt = 1,
                ScheduledFor = context.Saga.NextRunAt ?? context.Saga.CreatedAt,
                Timeout = context.Saga.Timeout,
            });

    public static EventActivityBinder<JobState, ScheduleJob> ReplyScheduled(this EventActivityBinder<JobState, ScheduleJob> binder, bool created) =>
        binder.RespondAsync(context => context.Init<JobScheduled>(new JobScheduled
        {
            JobId = context.Saga.CorrelationId,
            TenantId = context.Saga.TenantId,
            Created = created,
            NextRunAt = context.Saga.NextRunAt,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, ScheduleJob> ReplyRejected(this EventActivityBinder<JobState, ScheduleJob> binder,
        ScheduleJobValidator validator) =>
        binder.RespondAsync(context => context.Init<JobRejected>(new JobRejected
        {
            JobId = context.Message.JobId,
            TenantId = context.Message.TenantId,
            Errors = validator.Validate(context.Message, requireJobId: true),
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, JobRunStarted> StartRun(this EventActivityBinder<JobState, JobRunStarted> binder, State to) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is { Status: RunStatus.Pending })
            {
                run.Status = RunStatus.Running;
                run.StartedAt = message.StartedAt;
                run.Host = message.Host;
            }

            var job = context.Saga;
            job.LastRunAt = message.StartedAt;
            job.NextRunAt = null;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "runStarted", JobLedger.ConsumerActor(message.Host), JobStatusNames.FromState(job.CurrentState), JobStatusNames.Of(to),
                message.RunId, $"attempt {message.Attempt}");
        });

    public static EventActivityBinder<JobState, JobRunSucceeded> SucceedRun(this EventActivityBinder<JobState, JobRunSucceeded> binder, State to) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is not null)
            {
                run.Status = RunStatus.Succeeded;
                run.StartedAt ??= message.StartedAt;
                run.CompletedAt = message.CompletedAt;
                run.DurationMs = message.DurationMs;
                run.Result = message.Result;
                run.Host ??= message.Host;
            }

            var job = context.Saga;
            var from = RecordImpliedStart(ledger, job, message.RunId, message.Attempt, message.Host);
            job.RunCount++;
            job.LastRunAt ??= message.StartedAt;
            job.NextRunAt = null;
            job.CurrentRunId = null;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "runSucceeded", JobLedger.ConsumerActor(message.Host), from, JobStatusNames.Of(to),
                message.RunId, $"attempt {message.Attempt} took {message.DurationMs} ms");
        });

    public static EventActivityBinder<JobState, JobRunFailed> FailRun(this EventActivityBinder<JobState, JobRunFailed> binder, State to) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is not null)
            {
                run.Status = RunStatus.Failed;
                run.StartedAt ??= message.StartedAt;
                run.CompletedAt = message.CompletedAt;
                run.DurationMs = message.DurationMs;
                run.ErrorCategory = message.Error.Category;
                run.ErrorMessage = message.Error.Message;
                run.Host ??= message.Host;
            }

            var job = context.Saga;
            var from = RecordImpliedStart(ledger, job, message.RunId, message.Attempt, message.Host);
            job.RunCount++;
            job.FailureCount++;
            job.LastRunAt ??= message.StartedAt;
            job.NextRunAt = null;
            job.CurrentRunId = null;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "runFailed", JobLedger.ConsumerActor(message.Host), from, JobStatusNames.Of(to),
                message.RunId, $"attempt {message.Attempt}: {JobLedger.Describe(message.Error)}");
        });

    /// <summary>
    /// An outcome can overtake its run's started event on the way to the saga (they are handled concurrently).
    /// The outcome proves the run started, so the trail records the start first and stays in order; the late
    /// started event is then ignored. Returns the status the outcome moves the job from.
    /// </summary>
    static JobStatus? RecordImpliedStart(JobLedger ledger, JobState job, Guid runId, int attempt, string? host)
    {
        var current = JobStatusNames.FromState(job.CurrentState);
        if (current != JobStatus.Scheduled)
            return current;

        ledger.Record(job, "runStarted", JobLedger.ConsumerActor(host), JobStatus.Scheduled, JobStatus.Running, runId,
            $"attempt {attempt} (reported with its outcome)");
        return JobStatus.Running;
    }

    static string ActorOf(ConsumeContext context) =>
        context.Headers.Get<string>(ActorHeader) is { Length: > 0 } actor
            ? actor
            : context.SourceAddress is { } source ? $"bus:{source.AbsolutePath.Trim('/')}" : "bus";
}
