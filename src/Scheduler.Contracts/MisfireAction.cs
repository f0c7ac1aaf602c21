namespace Scheduler.Contracts;

/// <summary>The action taken for occurrences missed while the scheduler was down.</summary>
public enum MisfireAction
{
    /// <summary>One run now for all missed occurrences.</summary>
    FireNow = 0,

    /// <summary>Missed occurrences do not run.</summary>
    Skip = 1,

    /// <summary>Every missed occurrence within the grace time runs, oldest first.</summary>
    CatchUp = 2,
}
