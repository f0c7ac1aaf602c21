namespace Scheduler.Bench.Chaos.Trials;

/// <summary>The names of the figures every chaos case reports, which the targets and the table read.</summary>
public static class ChaosFigure
{
    public const string Jobs = "jobs";

    /// <summary>One-shot jobs never completed, plus recurring occurrences that never fired where none may be missed.</summary>
    public const string Lost = "lost";

    /// <summary>Runs a handler finished and then ran again (journal), or recorded succeeded twice (audit).</summary>
    public const string CompletedTwice = "runs completed twice";

    /// <summary>Occurrences with more than one first-attempt run (job_runs), or done by two runs (journal).</summary>
    public const string FiredTwice = "occurrences fired twice";

    /// <summary>From the component answering again to the last run succeeded; NaN when not everything was done.</summary>
    public const string Recovery = "recovery s";

    /// <summary>From SIGTERM to the process's exit; NaN when it had to be killed.</summary>
    public const string Exit = "exit s";

    public const string ExitLimit = "exit limit s";

    public const string ErrorMessages = "_error messages";

    /// <summary>Processes that exited by themselves (a stalled bus) and were started again by the deployment's restart policy.</summary>
    public const string Restarted = "restarted";
}
