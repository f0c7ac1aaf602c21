using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// <see cref="JobDecider"/> folded over the inputs in memory, as a model of the store: it is given every fact it could
/// use (all the job's runs without an outcome, whether its armed run still waits), not only those
/// <see cref="JobFactsReader"/> reads for the input, and its effects on runs and the audit trail are applied to lists.
/// What the store does differently from this model is a difference in the job's rules.
/// </summary>
public sealed class JobFold(ScheduleJobValidator validator, TimeProvider clock)
{
    readonly Dictionary<Guid, JobState> _jobs = [];
    readonly Dictionary<Guid, JobRun> _runs = [];
    readonly List<AuditEntry> _audit = [];

    // The one-shot due messages written and not taken back (nothing is sent here: no dispatcher runs).
    readonly HashSet<Guid> _waiting = [];

    public void Apply(JobStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var job = _jobs.GetValueOrDefault(step.JobId);
        var input = step.ToInput(job, validator, clock);
        var decision = JobDecider.Decide(job, input, FactsFor(job, input), new DecisionGrounds(clock.GetUtcNow(), step.MessageId));
        foreach (var effect in decision.Effects)
            Carry(decision.Job, effect);
        if (decision.Status is not null)
            _jobs[decision.Job.CorrelationId] = decision.Job;
    }

    public JobView View(Guid jobId) =>
        new(_jobs.GetValueOrDefault(jobId), [.. RunsOf(jobId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)]);

    /// <summary>The model's rows for these jobs, without due messages (the model keeps only which one-shots wait).</summary>
    public JobRows Rows(IReadOnlyCollection<Guid> jobIds) => JobRows.Of(
        _jobs.Values.Where(j => jobIds.Contains(j.CorrelationId)).OrderBy(j => j.CorrelationId),
        _runs.Values.Where(r => jobIds.Contains(r.JobId)).OrderBy(r => r.JobId).ThenBy(r => r.Id),
        _audit.Where(a => jobIds.Contains(a.JobId)),
        []);

    JobFacts FactsFor(JobState? job, JobInput input)
    {
        if (job is null)
        {
            return input is JobInput.Schedule { Command: { IdempotencyKey: { } key, TenantId: var tenant } }
                ? new JobFacts { KeyedJob = _jobs.Values.FirstOrDefault(j => j.TenantId == tenant && j.IdempotencyKey == key) }
                : JobFacts.None;
        }

        var named = input switch
        {
            JobInput.RunStarted x => x.Event.RunId,
            JobInput.RunSucceeded x => x.Event.RunId,
            JobInput.RunFailed x => x.Event.RunId,
            JobInput.RetryDue x => x.RunId,
            JobInput.Replay x => x.RunId,
            _ => (Guid?)null,
        };
        var run = named is { } id && _runs.GetValueOrDefault(id) is { } found && found.JobId == job.CorrelationId ? found.Copy() : null;
        return new JobFacts
        {
            Run = run,
            ReplayedAttempts = run?.ReplayOf is { } deadLetter ? _runs.GetValueOrDefault(deadLetter)?.Attempt ?? 0 : 0,
            UnfinishedRuns = [.. RunsOf(job.CorrelationId).Where(r => !r.IsFinished).OrderBy(r => r.CreatedAt).Select(r => r.Copy())],
            ArmedRunWaiting = job is { ArmedRunId: not null, DueTokenId: { } token } && _waiting.Contains(token),
        };
    }

    void Carry(JobState job, JobEffect effect)
    {
        switch (effect)
        {
            case JobEffect.SaveRun save:
                _runs[save.Run.Id] = save.Run;
                break;
            case JobEffect.SendRun send:
                _waiting.Add(send.Token);
                break;
            case JobEffect.ScheduleOneShot due:
                _waiting.Add(due.Token);
                break;
            case JobEffect.CancelDue cancel:
                _waiting.Remove(cancel.Token);
                break;
            case JobEffect.Audit audit:
                _audit.Add(new AuditEntry
                {
                    JobId = job.CorrelationId, TenantId = job.TenantId, At = audit.At, Event = audit.Event.ToWireName(), Actor = audit.Actor,
                    FromStatus = audit.From?.ToWireName(), ToStatus = audit.To.ToWireName(), RunId = audit.RunId, Detail = audit.Detail,
                });
                break;
            case JobEffect.Remove:
                throw new InvalidOperationException("The differential test purges no job.");
        }
    }

    IEnumerable<JobRun> RunsOf(Guid jobId) => _runs.Values.Where(r => r.JobId == jobId);
}
