using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Ledger;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// A decision's effects in order, one word each, so a table row can state them: <c>run:pending</c> (a run stored,
/// with its status), <c>send</c>, <c>due</c> (a one-shot's due message), <c>retry</c>, <c>cancelDue</c>,
/// <c>recur</c>/<c>recur(paused)</c>, <c>pauseRecur</c>, <c>pauseEnd</c> (the due message that ends a pause), <c>followUp</c> (a follow-up job's command), <c>resumeRecur</c>, <c>cancelRecur</c>,
/// <c>audit:runSucceeded</c>, <c>reply:JobPaused</c> (<c>reply:JobTriggered(started)</c>,
/// <c>reply:JobScheduled(new)</c> or <c>(existing)</c>), <c>publish:JobRunFaulted</c>,
/// <c>remove</c>; <c>none</c> when there are none. Occurrence ledger entries are left out (see <see cref="Ledger"/>).
/// </summary>
public static class EffectSummary
{
    public static string Of(JobDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var effects = decision.Effects.Where(e => e is not JobEffect.RecordOccurrence).ToList();
        return effects.Count == 0 ? "none" : string.Join(' ', effects.Select(Word));
    }

    /// <summary>A decision's occurrence ledger entries in order, <c>fate@HH:mm:ss</c> each; <c>none</c> when there are none.</summary>
    public static string Ledger(JobDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var entries = decision.Effects.OfType<JobEffect.RecordOccurrence>().ToList();
        return entries.Count == 0 ? "none"
            : string.Join(' ', entries.Select(e => $"{e.Fate.ToWireName()}@{e.DueAt.UtcDateTime:HH:mm:ss}{(e.Backfill ? "(backfill)" : "")}"));
    }

    static string Word(JobEffect effect) => effect switch
    {
        JobEffect.SaveRun save => $"run:{save.Run.Status.ToWireName()}",
        JobEffect.SendRun => "send",
        JobEffect.ScheduleOneShot => "due",
        JobEffect.ScheduleRetry => "retry",
        JobEffect.CancelDue => "cancelDue",
        JobEffect.ScheduleRecurrence { Paused: true } => "recur(paused)",
        JobEffect.ScheduleRecurrence => "recur",
        JobEffect.PauseRecurrence => "pauseRecur",
        JobEffect.SchedulePauseEnd => "pauseEnd",
        JobEffect.ScheduleFollowUp => "followUp",
        JobEffect.ResumeRecurrence => "resumeRecur",
        JobEffect.CancelRecurrence => "cancelRecur",
        JobEffect.Audit audit => $"audit:{audit.Event.ToWireName()}",
        JobEffect.Reply { Message: JobTriggered triggered } => $"reply:{nameof(JobTriggered)}({triggered.Outcome})",
        JobEffect.Reply { Message: JobScheduled scheduled } => $"reply:{nameof(JobScheduled)}({(scheduled.Created ? "new" : "existing")})",
        JobEffect.Reply reply => $"reply:{reply.Message.GetType().Name}",
        JobEffect.Publish publish => $"publish:{publish.Message.GetType().Name}",
        JobEffect.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "An effect the summary does not know."),
    };
}
