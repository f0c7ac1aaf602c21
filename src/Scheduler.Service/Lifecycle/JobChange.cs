using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// One decision being taken: a copy of the job that the rules change, its status, the runs they open or change
/// (copies too) and the effects they ask for, in order. Nothing it is given is changed.
/// </summary>
internal sealed class JobChange(JobState job, JobFacts facts, DecisionGrounds grounds)
{
    readonly List<JobEffect> _effects = [];
    readonly Dictionary<Guid, JobRun> _runs = [];
    readonly HashSet<Guid> _opened = [];

    public JobState Job { get; } = job.Copy();
    public JobFacts Facts { get; } = facts;
    public DecisionGrounds Grounds { get; } = grounds.Fresh();
    public DateTimeOffset Now => Grounds.Now;

    /// <summary>The job's status as the decision goes; null while it has none (a job being created).</summary>
    public JobStatus? Status { get; set; } = JobStatusNames.FromState(job.CurrentState);

    public void Add(JobEffect effect) => _effects.Add(effect);

    public void Reply(object message) => _effects.Add(new JobEffect.Reply(message));

    public void Publish(object message) => _effects.Add(new JobEffect.Publish(message));

    public void Audit(AuditEvent auditEvent, string actor, JobStatus? from, JobStatus to, Guid? runId = null, string? detail = null) =>
        _effects.Add(new JobEffect.Audit(Now, auditEvent, actor, from, to, runId, detail));

    /// <summary>Opens a new run of the job for <paramref name="scheduledFor"/>.</summary>
    public JobRun OpenRun(DateTimeOffset scheduledFor, int attempt = 1, Guid? id = null)
    {
        var run = new JobRun
        {
            Id = id ?? Grounds.NewId(Now),
            JobId = Job.CorrelationId,
            TenantId = Job.TenantId,
            Attempt = attempt,
            Status = RunStatus.Pending,
            ScheduledFor = scheduledFor,
            CreatedAt = Now,
        };
        _runs[run.Id] = run;
        _opened.Add(run.Id);
        return run;
    }

    /// <summary>The run with <paramref name="id"/> as this decision has it, to change; null when it is not a known run of the job.</summary>
    public JobRun? Run(Guid id)
    {
        if (_runs.TryGetValue(id, out var run))
            return run;

        var known = Facts.Run?.Id == id ? Facts.Run : Facts.UnfinishedRuns.FirstOrDefault(r => r.Id == id);
        if (known is null || known.JobId != Job.CorrelationId)
            return null;

        return _runs[id] = known.Copy();
    }

    /// <summary>The job's runs without an outcome, as this decision has them.</summary>
    public IEnumerable<JobRun> UnfinishedRuns() =>
        Facts.UnfinishedRuns.Select(r => Run(r.Id)!).Concat(_runs.Values).Where(r => !r.IsFinished).DistinctBy(r => r.Id).ToList();

    public JobDecision Decided()
    {
        if (Status is { } status)
            Job.CurrentState = (int)status;

        return new(Job, Status, [.. _runs.Values.Select(r => new JobEffect.SaveRun(r, _opened.Contains(r.Id))), .. _effects]);
    }

    /// <summary>The job is gone, with its history.</summary>
    public JobDecision Removed() => new(Job, null, [new JobEffect.Remove()]);
}
